import { describe, expect, it } from 'vitest';
import { hasErrors, lintDefinition } from '../../engine/definitions/lint/index';
import { byRule, label, sampleDefinition, withCustomer } from './fixtures';

describe('lintDefinition', () => {
  it('finds nothing in a sound definition', () => {
    expect(lintDefinition(sampleDefinition(), withCustomer)).toEqual([]);
  });

  it('turns meta-schema errors into error findings and stops there', () => {
    const findings = lintDefinition({ ...sampleDefinition(), initialState: 'Not A Key', states: [] });
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([
      ['meta-schema', 'error', '/states'],
      ['meta-schema', 'error', '/initialState'],
    ]);
    expect(findings[0].i18n.en).toBe('needs at least 1 item(s)');
    expect(hasErrors(findings)).toBe(true);
  });

  it('gives every finding a bilingual message, zh-CN first', () => {
    const def = sampleDefinition();
    def.states.push({ key: 'lost', label: label('丢失', 'Lost'), color: 'red', editable: false, terminal: true });
    const [f] = lintDefinition(def);
    expect(f.message).toBe(`${f.i18n['zh-CN']} / ${f.i18n.en}`);
    expect(f.i18n['zh-CN']).toContain('丢失');
    expect(f.i18n.en).toContain('Lost');
  });
});

describe('duplicate keys', () => {
  it('flags a second state, transition, level, template and computed field with the same key', () => {
    const def = sampleDefinition();
    def.states.push({ ...def.states[3] });
    def.transitions.push({ ...def.transitions[1] });
    const levels = def.transitions[0].approval!.levels;
    levels.push({ ...levels[0] });
    def.templates!.push({ ...def.templates![0] });
    def.computed!.push({ ...def.computed![1] });
    expect(byRule(def, 'duplicate-key').map((f) => f.path)).toEqual([
      '/states/4/key',
      '/transitions/2/key',
      '/transitions/0/approval/levels/1/key',
      '/templates/1/key',
      '/computed/2/field',
    ]);
  });

  it('accepts distinct keys', () => {
    expect(byRule(sampleDefinition(), 'duplicate-key')).toEqual([]);
  });
});

describe('unknown references', () => {
  it('flags transitions, approvals and permissions naming states or transitions that do not exist', () => {
    const def = sampleDefinition();
    def.transitions[1].to = 'archived';
    def.transitions[0].approval!.pendingState = 'waiting';
    def.permissions!.clerk.transitions = ['submit', 'archive'];
    expect(byRule(def, 'unknown-reference').map((f) => f.path)).toEqual([
      '/transitions/0/approval/pendingState',
      '/transitions/1/to',
      '/permissions/clerk/transitions/1',
    ]);
  });

  it('accepts references to declared states and transitions', () => {
    expect(byRule(sampleDefinition(), 'unknown-reference')).toEqual([]);
  });
});

describe('unreachable states', () => {
  it('flags a state no transition leads to', () => {
    const def = sampleDefinition();
    def.states.push({
      key: 'archived',
      label: label('已归档', 'Archived'),
      color: 'gray',
      editable: false,
      terminal: true,
    });
    const findings = byRule(def, 'unreachable-state');
    expect(findings.map((f) => [f.severity, f.path])).toEqual([['error', '/states/4']]);
    expect(findings[0].i18n['zh-CN']).toContain('已归档');
  });

  it('counts the pending state of an approval as reachable', () => {
    expect(byRule(sampleDefinition(), 'unreachable-state')).toEqual([]);
  });
});

describe('dead-end states', () => {
  it('flags a non-terminal state with no way out', () => {
    const def = sampleDefinition();
    def.states[3].terminal = false;
    expect(byRule(def, 'dead-end-state').map((f) => [f.severity, f.path])).toEqual([['error', '/states/3']]);
  });

  it('warns about a terminal state that still has a way out', () => {
    const def = sampleDefinition();
    def.states[2].terminal = true;
    expect(byRule(def, 'dead-end-state').map((f) => [f.severity, f.path])).toEqual([['warning', '/states/2/terminal']]);
  });

  it('accepts a pending state whose exits are approval decisions', () => {
    expect(byRule(sampleDefinition(), 'dead-end-state')).toEqual([]);
  });
});

describe('transitions nobody may run', () => {
  it('flags a transition with no roles that no permission grants', () => {
    const def = sampleDefinition();
    def.transitions[1].roles = [];
    def.permissions!.clerk.transitions = ['submit'];
    expect(byRule(def, 'unrunnable-transition').map((f) => f.path)).toEqual(['/transitions/1/roles']);
  });

  it('accepts a transition granted only through permissions', () => {
    const def = sampleDefinition();
    def.transitions[1].roles = [];
    expect(byRule(def, 'unrunnable-transition')).toEqual([]);
  });

  it('flags an approval level with no approvers', () => {
    const def = sampleDefinition();
    def.transitions[0].approval!.levels[0].approvers = { roles: [], users: [] };
    expect(byRule(def, 'unrunnable-transition').map((f) => f.path)).toEqual([
      '/transitions/0/approval/levels/0/approvers',
    ]);
  });
});
