// Approval levels in the designer: `when` ⇄ react-querybuilder (JSON-Logic import and
// export), the fields a rule may test (related customer included) and the number line.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ApprovalLevel, Definition } from '../../engine/definitions/index';
import { numberLine } from '../../designer/src/designer/model/bands';
import { queryOf, ruleFields, whenOf } from '../../designer/src/designer/model/when';

const load = async (name: string) =>
  JSON.parse(await readFile(new URL(`../../definitions/${name}.json`, import.meta.url), 'utf8')) as Definition;
const levelsOf = (def: Definition): ApprovalLevel[] => def.transitions.find((t) => t.approval)?.approval?.levels ?? [];
const level = (key: string, when?: ApprovalLevel['when']): ApprovalLevel => ({
  key,
  label: { 'zh-CN': key, en: key },
  when,
  approvers: { roles: ['admin'] },
  mode: 'any',
});

describe('when ⇄ query builder', () => {
  it('round-trips the built-in levels through the query builder unchanged', async () => {
    for (const l of levelsOf(await load('sales_order'))) expect(whenOf(queryOf(l.when))).toEqual(l.when);
  });

  it('writes a visually built rule as plain JSON-Logic with numbers', () => {
    const when = whenOf({ combinator: 'and', rules: [{ field: 'data.total', operator: '>=', value: '500000' }] });
    expect(when).toEqual({ '>=': [{ var: 'data.total' }, 500000] });
    expect(whenOf({ combinator: 'and', rules: [] })).toBeUndefined();
    expect(queryOf(undefined).rules).toEqual([]);
  });

  it('offers the document fields and the related customer fields such as credit level', async () => {
    const defs = new Map<string, Definition>([['customer', await load('customer')]]);
    const fields = ruleFields(await load('sales_order'), (k) => defs.get(k));
    const names = fields.map((f) => f.name);
    expect(names).toContain('data.total');
    expect(names).toContain('related.customer.creditLevel');
    expect(names).not.toContain('data.lines');
    expect(fields.find((f) => f.name === 'data.total')?.inputType).toBe('number');
  });

  it("offers the definition's declared lookups as number fields, and credit levels by their labels", async () => {
    const defs = new Map<string, Definition>([['customer', await load('customer')]]);
    const fields = ruleFields(await load('sales_order'), (k) => defs.get(k));
    expect(fields.find((f) => f.name === 'lookup.openOrdersTotal')).toMatchObject({ inputType: 'number' });
    expect(fields.find((f) => f.name === 'related.customer.creditLevel')?.values).toContainEqual({
      name: 'C',
      label: { 'zh-CN': 'C 级（关注）', en: 'C (watch)' },
    });
  });
});

describe('number line', () => {
  it('shows cumulative thresholds with no gap and no overlap (sales_order plus a director ≥ 500000)', async () => {
    const levels = [
      ...levelsOf(await load('sales_order')),
      level('director', { '>=': [{ var: 'data.total' }, 500000] }),
    ];
    const line = numberLine(levels);
    expect(line.levels.map((l) => l.key)).toEqual(['manager', 'finance', 'director']);
    expect(line.gaps).toEqual([]);
    expect(line.overlaps).toEqual([]);
    expect(line.openTop).toBeNull();
  });

  it('finds the gap between ≤ 10000 and > 20000, and an overlap of two ranges', () => {
    const gap = numberLine([
      level('a', { '<=': [{ var: 'data.total' }, 10000] }),
      level('b', { '>': [{ var: 'data.total' }, 20000] }),
    ]);
    expect(gap.gaps).toEqual([{ lo: 10000, loIn: false, hi: 20000, hiIn: true }]);
    const overlap = numberLine([
      level('a', { '<=': [0, { var: 'data.total' }, 10000] }),
      level('b', { '>=': [{ var: 'data.total' }, 5000] }),
    ]);
    expect(overlap.overlaps).toEqual([{ a: 'a', b: 'b', interval: { lo: 5000, loIn: true, hi: 10000, hiIn: true } }]);
    expect(numberLine([level('a', { '<=': [{ var: 'data.total' }, 10000] })]).openTop).toEqual({
      lo: 10000,
      loIn: false,
      hi: Infinity,
      hiIn: false,
    });
  });

  it('leaves out levels that always apply or test no amount', () => {
    const line = numberLine([
      level('always'),
      level('credit', { '==': [{ var: 'related.customer.creditLevel' }, 'C'] }),
    ]);
    expect(line.levels).toEqual([]);
  });
});
