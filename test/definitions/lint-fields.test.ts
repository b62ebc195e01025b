import { describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/types';
import { byRule, sampleDefinition, withCustomer } from './fixtures';

describe('templates', () => {
  const withBody = (body: string): Definition => {
    const def = sampleDefinition();
    def.templates![0].body = body;
    return def;
  };
  const problems = (body: string) =>
    byRule(withBody(body), 'template-field', withCustomer).map((f) => [f.severity, f.i18n.en]);

  it('flags a field the data does not have, with its line', () => {
    expect(problems('<p>\n{{data.totl}}</p>')).toEqual([
      [
        'error',
        'template "Print" line 2 refers to "data.totl", which does not exist; available: data., doc., related., locale',
      ],
    ]);
  });

  it('reads paths inside each relative to the line, with ../, @root and block params', () => {
    const body = [
      '{{#each data.lines}}{{qty}} {{../data.total}} {{@root.doc.number}} {{@index}}{{/each}}',
      '{{#each data.lines as |line|}}{{line.price}}{{/each}}',
      '{{#with related.customer}}{{name}}{{/with}}',
      '{{#if data.total}}{{data.total}}{{else}}{{locale}}{{/if}}',
    ].join('\n');
    expect(problems(body)).toEqual([]);
  });

  it('flags a line field that does not exist inside each', () => {
    expect(problems('{{#each data.lines}}{{qtty}} {{data.total}}{{/each}}').map(([, m]) => m)).toEqual([
      expect.stringContaining('"qtty"'),
      expect.stringContaining('"data.total"'),
    ]);
  });

  it('checks helper arguments and warns about unregistered helpers', () => {
    expect(problems('{{rmbUpper data.total}} {{money data.totl}} {{shout data.total}}')).toEqual([
      ['error', expect.stringContaining('"data.totl"')],
      ['warning', expect.stringContaining('"shout"')],
    ]);
  });

  it('reports a template that does not parse', () => {
    expect(problems('{{#each data.lines}}')).toEqual([['error', expect.stringContaining('does not parse')]]);
  });
});

describe('field references', () => {
  it('flags computed targets, list columns, search fields, indexes and related fields that do not exist', () => {
    const def = sampleDefinition();
    def.computed![0].field = 'lines[].subtotal';
    def.listColumns = ['number', 'data.custmer'];
    def.searchFields = ['data.remark'];
    def.indexes = [{ keys: { 'data.customer': 1, 'data.date': -1 } }];
    def.related = { customer: { type: 'customer', field: 'client' } };
    expect(byRule(def, 'unknown-field').map((f) => f.path)).toEqual([
      '/computed/0/field',
      '/listColumns/1',
      '/searchFields/0',
      '/indexes/0/keys/data.date',
      '/related/customer/field',
    ]);
  });

  it('flags a related type that does not exist when definitions can be looked up', () => {
    const def = sampleDefinition();
    def.related = { customer: { type: 'client', field: 'customer' } };
    expect(byRule(def, 'unknown-field', withCustomer).map((f) => f.path)).toEqual(['/related/customer/type']);
    expect(byRule(def, 'unknown-field')).toEqual([]);
  });
});

describe('effects', () => {
  it('warns about an effect nobody registered', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['inventory.teleport'];
    expect(byRule(def, 'effect').map((f) => [f.severity, f.path])).toEqual([['warning', '/transitions/1/effects/0']]);
  });

  it('flags an inventory effect whose fields the schema lacks', () => {
    const def = sampleDefinition();
    def.transitions[0].approval!.effects = ['inventory.reserve'];
    def.transitions[1].effects = ['inventory.issue'];
    def.transitions[1].effectOptions = { 'inventory.issue': { qtyField: 'quantity' } };
    delete (def.schema.properties as Record<string, unknown>).warehouse;
    expect(byRule(def, 'effect').map((f) => f.path)).toEqual([
      '/transitions/0/approval/effects/0',
      '/transitions/1/effects/0',
      '/transitions/1/effectOptions/inventory.issue/qtyField',
    ]);
  });

  it('accepts an inventory effect whose fields exist', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['inventory.issue'];
    expect(byRule(def, 'effect')).toEqual([]);
  });

  it('needs the type document.create should create', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['document.create'];
    expect(byRule(def, 'effect').map((f) => f.path)).toEqual(['/transitions/1/effects/0']);
    def.transitions[1].effectOptions = { 'document.create': { type: 'customer', data: {} } };
    expect(byRule(def, 'effect', withCustomer)).toEqual([]);
  });
});

describe('ui schema', () => {
  it('flags a ui:order naming a missing field or leaving one out', () => {
    const def = sampleDefinition();
    def.uiSchema!['ui:order'] = ['customer', 'lines', 'total', 'remark'];
    expect(byRule(def, 'ui-schema').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/uiSchema/ui:order/3'],
      ['error', '/uiSchema/ui:order'],
    ]);
  });

  it('accepts a partial ui:order ending in "*"', () => {
    const def = sampleDefinition();
    def.uiSchema!['ui:order'] = ['customer', '*'];
    expect(byRule(def, 'ui-schema')).toEqual([]);
  });

  it('flags a docRef widget without a type and warns about settings for missing fields', () => {
    const def = sampleDefinition();
    def.uiSchema!.customer = { 'ui:widget': 'docRef' };
    def.uiSchema!.lines = { items: { 'ui:order': ['*'], sku: { 'ui:widget': 'text' } } };
    expect(byRule(def, 'ui-schema').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/uiSchema/customer/ui:options'],
      ['warning', '/uiSchema/lines/items/sku'],
    ]);
  });
});

describe('labels', () => {
  it('warns about a field without a bilingual label', () => {
    const def = sampleDefinition();
    const lines = (def.schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>).lines;
    lines.items.properties.note = { type: 'string' };
    expect(byRule(def, 'label').map((f) => [f.severity, f.path])).toEqual([
      ['warning', '/schema/properties/lines/items/properties/note'],
    ]);
  });

  it('accepts fields that all carry x-title', () => {
    expect(byRule(sampleDefinition(), 'label')).toEqual([]);
  });
});
