import { describe, expect, it } from 'vitest';
import { ruleVars } from '../../engine/rules/rule-vars';

describe('ruleVars', () => {
  it('lists the var paths of an approval rule', () => {
    expect(
      ruleVars({
        or: [{ '>=': [{ var: 'data.total' }, 100000] }, { '==': [{ var: 'related.customer.creditLevel' }, 'C'] }],
      }),
    ).toEqual(['data.total', 'related.customer.creditLevel']);
  });

  it('lists each path once, with the array form and defaults', () => {
    expect(
      ruleVars({ '+': [{ var: ['data.a', 0] }, { var: 'data.a' }, { var: ['data.b', { var: 'data.c' }] }] }),
    ).toEqual(['data.a', 'data.b', 'data.c']);
  });

  it('writes array item fields as path[].field', () => {
    expect(ruleVars({ some: [{ var: 'data.lines' }, { '>': [{ var: 'discount' }, 0.3] }] })).toEqual([
      'data.lines',
      'data.lines[].discount',
    ]);
    expect(ruleVars({ sum: [{ var: 'data.lines' }, 'amount'] })).toEqual(['data.lines', 'data.lines[].amount']);
  });

  it('maps reduce current.x to the item and skips the accumulator', () => {
    expect(
      ruleVars({ reduce: [{ var: 'data.lines' }, { '+': [{ var: 'current.amount' }, { var: 'accumulator' }] }, 0] }),
    ).toEqual(['data.lines', 'data.lines[].amount']);
  });

  it('follows items through filter and nested iterators', () => {
    expect(
      ruleVars({
        sum: [
          { filter: [{ var: 'data.lines' }, { all: [{ var: 'batches' }, { '>': [{ var: 'qty' }, 0] }] }] },
          'amount',
        ],
      }),
    ).toEqual(['data.lines', 'data.lines[].batches', 'data.lines[].batches[].qty', 'data.lines[].amount']);
  });

  it('includes missing and missing_some keys', () => {
    expect(ruleVars({ missing: ['data.reason', 'data.remark'] })).toEqual(['data.reason', 'data.remark']);
    expect(ruleVars({ missing_some: [1, ['data.phone', 'data.email']] })).toEqual(['data.phone', 'data.email']);
  });

  it('leaves out computed paths and per-line context', () => {
    expect(ruleVars({ var: { cat: ['data.', { var: 'data.field' }] } })).toEqual(['data.field']);
    expect(ruleVars({ '*': [{ var: 'line.qty' }, { var: 'line.price' }] })).toEqual(['line.qty', 'line.price']);
    expect(ruleVars(true)).toEqual([]);
  });
});
