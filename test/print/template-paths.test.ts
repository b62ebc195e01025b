import { describe, expect, it } from 'vitest';
import { templateFieldPaths } from '../../engine/print/template-paths';

describe('templateFieldPaths', () => {
  it('lists top-level references and helper arguments, not helper names', () => {
    expect(
      templateFieldPaths(
        '{{doc.number}} {{money data.total symbol=data.currency}} {{label labels.title}} {{rmbUpper data.total}}',
      ),
    ).toEqual(['doc.number', 'data.total', 'data.currency', 'labels.title']);
  });

  it('writes each-item fields as path[].field', () => {
    expect(
      templateFieldPaths('{{#each data.lines}}{{inc @index}} {{product}} {{qty this.qty}} {{../data.remark}}{{/each}}'),
    ).toEqual(['data.lines', 'data.lines[].product', 'data.lines[].qty', 'data.remark']);
  });

  it('follows block params, with, nested each and @root', () => {
    const source = `{{#each data.lines as |line i|}}{{line.amount}}{{i}}{{#each line.batches}}{{batch}}{{@root.doc.number}}{{/each}}{{/each}}
{{#with related.customer}}{{name}}{{phone}}{{/with}}`;
    expect(templateFieldPaths(source)).toEqual([
      'data.lines',
      'data.lines[].amount',
      'data.lines[].batches',
      'data.lines[].batches[].batch',
      'doc.number',
      'related.customer',
      'related.customer.name',
      'related.customer.phone',
    ]);
  });

  it('keeps the enclosing context in if and else', () => {
    expect(
      templateFieldPaths(
        '{{#each data.lines}}{{#if discount}}{{discount}}{{else}}{{../data.noDiscountText}}{{/if}}{{else}}{{data.empty}}{{/each}}',
      ),
    ).toEqual(['data.lines', 'data.lines[].discount', 'data.noDiscountText', 'data.empty']);
  });

  it('includes subexpression arguments and lookup', () => {
    expect(templateFieldPaths('{{money (add data.a data.b)}} {{lookup data.names data.key}}')).toEqual([
      'data.a',
      'data.b',
      'data.names',
      'data.key',
    ]);
  });

  it('throws on a syntax error', () => {
    expect(() => templateFieldPaths('{{#each data.lines}}')).toThrow();
  });
});
