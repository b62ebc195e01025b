// `changeApproval.levels` are checked like transition levels (rule paths, bands,
// duplicate keys, approvers), and every level's `escalateTo` must name a known role.
import { describe, expect, it } from 'vitest';
import type { ApprovalLevel, Definition } from '../../engine/definitions/types';
import { byRule, label, sampleDefinition, withCustomer } from './fixtures';

const level = (key: string, when: ApprovalLevel['when'], extra: Partial<ApprovalLevel> = {}): ApprovalLevel => ({
  key,
  label: label(`级别${key}`, `Level ${key}`),
  when,
  approvers: { roles: ['manager'] },
  mode: 'any',
  ...extra,
});

const withChangeLevels = (...levels: ApprovalLevel[]): Definition => ({
  ...sampleDefinition(),
  changeApproval: { levels },
});

describe('change approval levels', () => {
  it('accepts sound change levels', () => {
    const def = withChangeLevels(
      level('manager', { '>=': [{ var: 'data.total' }, 10000] }),
      level('finance', { '>=': [{ var: 'data.total' }, 100000] }),
    );
    expect(byRule(def, 'unknown-var', withCustomer)).toEqual([]);
    expect(byRule(def, 'approval-band')).toEqual([]);
    expect(byRule(def, 'duplicate-key')).toEqual([]);
    expect(byRule(def, 'unrunnable-transition')).toEqual([]);
  });

  it('flags an unknown variable path in a change level', () => {
    const def = withChangeLevels(level('manager', { '>=': [{ var: 'data.totl' }, 10000] }));
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual(['/changeApproval/levels/0/when/>=/0/var']);
  });

  it('flags overlapping ranges and gaps between change levels', () => {
    const overlap = withChangeLevels(
      level('small', { '<=': [{ var: 'data.total' }, 20000] }),
      level('large', { '>=': [{ var: 'data.total' }, 10000] }),
    );
    expect(byRule(overlap, 'approval-band').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/changeApproval/levels/1/when'],
    ]);
    const gap = withChangeLevels(
      level('small', { '<': [{ var: 'data.total' }, 10000] }),
      level('large', { '>=': [{ var: 'data.total' }, 20000] }),
    );
    expect(byRule(gap, 'approval-band').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/changeApproval/levels'],
    ]);
  });

  it('flags a duplicate change level key and a change level with no approvers', () => {
    const def = withChangeLevels(
      level('manager', undefined),
      level('manager', undefined, { approvers: { roles: [] } }),
    );
    expect(byRule(def, 'duplicate-key').map((f) => f.path)).toEqual(['/changeApproval/levels/1/key']);
    expect(byRule(def, 'unrunnable-transition').map((f) => f.path)).toEqual(['/changeApproval/levels/1/approvers']);
  });
});

describe('escalation roles', () => {
  it('accepts a built-in role or one the definition names', () => {
    const def = withChangeLevels(level('manager', undefined, { slaHours: 8, escalateTo: 'finance_manager' }));
    def.transitions[0].approval!.levels[0].escalateTo = 'clerk';
    expect(byRule(def, 'unknown-escalation-role')).toEqual([]);
  });

  it('warns about an unknown role, and refuses it when the existing roles are known', () => {
    const def = withChangeLevels(level('manager', undefined, { slaHours: 8, escalateTo: 'directr' }));
    def.transitions[0].approval!.levels[0].escalateTo = 'director';
    expect(byRule(def, 'unknown-escalation-role').map((f) => [f.severity, f.path])).toEqual([
      ['warning', '/transitions/0/approval/levels/0/escalateTo'],
      ['warning', '/changeApproval/levels/0/escalateTo'],
    ]);
    const findings = byRule(def, 'unknown-escalation-role', { roles: ['director'] });
    expect(findings.map((f) => [f.severity, f.path])).toEqual([['error', '/changeApproval/levels/0/escalateTo']]);
    expect(findings[0].i18n.en).toContain('"directr"');
  });
});
