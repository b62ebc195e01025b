// The linter on declared lookups: the matched fields and states must exist on the
// looked-up type, a sum needs a number field, and a match no index serves is named
// with the index to declare.
import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../engine/definitions/lint/index';
import type { Definition } from '../../engine/definitions/types';
import { bookingDefinition, claimDefinition, departmentDefinition, slotDefinition } from '../rules/lookup-fixtures';

const lookupFindings = (def: object, resolve: (k: string) => Definition | undefined = () => undefined) =>
  lintDefinition(def, { resolveDefinition: resolve }).filter((f) => f.rule === 'lookup' || f.rule === 'guard-message');

describe('lookup lint', () => {
  it('passes the booking and budget definitions, whose matches an index serves', () => {
    const dept = { ...departmentDefinition(), version: 1 };
    expect(lookupFindings(bookingDefinition())).toEqual([]);
    expect(lookupFindings(claimDefinition(), (k) => (k === 'department' ? dept : undefined))).toEqual([]);
  });

  it('names a missing field, an unknown state, a sum without a number field, and the index to declare', () => {
    const def = bookingDefinition();
    def.indexes = [];
    def.lookups = [
      { name: 'bookings', type: 'delivery_booking', match: { 'data.slot': { var: 'data.slot' } }, aggregate: 'count' },
      {
        name: 'wrong',
        type: 'delivery_booking',
        match: { 'data.slott': { var: 'data.slot' }, state: { in: ['bookd'] } },
        aggregate: 'sum',
        field: 'data.carrier',
      },
    ];
    const findings = lookupFindings(def);
    expect(findings.map((f) => [f.severity, f.path])).toEqual(
      expect.arrayContaining([
        ['error', '/lookups/1/match/data.slott'],
        ['error', '/lookups/1/match/state'],
        ['error', '/lookups/1/field'],
        ['warning', '/lookups/0/match'],
      ]),
    );
    const index = findings.find((f) => f.path === '/lookups/0/match');
    expect(index?.i18n.en).toContain('declare {"keys":{"data.slot":1}} in delivery_booking\'s indexes');
  });

  it('refuses a lookup of a type that does not exist, and a guard with no message that bounds no lookup', () => {
    const def = bookingDefinition();
    def.lookups = [{ ...def.lookups![0], type: 'no_such_type' }];
    def.transitions[1].guard = { logic: { '==': [{ var: 'data.carrier' }, 'x'] } };
    const findings = lookupFindings(def);
    expect(findings.map((f) => f.path)).toEqual(
      expect.arrayContaining(['/lookups/0/type', '/transitions/1/guard/message']),
    );
  });

  it('warns of a bounded lookup that cannot be counted, and not of a counted one over this or another type', () => {
    const race = (def: object) => lintDefinition(def, {}).filter((f) => f.rule === 'lookup-race');
    expect(race(bookingDefinition())).toEqual([]);
    // Over another type: that type's changes keep the counter (documents/cross-counters.ts).
    expect(race(slotDefinition())).toEqual([]);
    const def = bookingDefinition();
    def.key = 'pickup_booking';
    expect(race(def)).toEqual([]);
    def.lookups = [{ ...def.lookups![0], match: { 'data.slot': { var: 'data.slot' } } }];
    const findings = race(def);
    expect(findings.map((f) => [f.severity, f.path])).toEqual([['warning', '/transitions/0/guard/logic']]);
    expect(findings[0].i18n.en).toContain('names no state or takes no value of this document');
    expect(findings[0].i18n['zh-CN']).toContain('无法计数');
  });
});
