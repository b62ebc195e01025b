import { describe, expect, it } from 'vitest';
import { getMetaSchema, parseDefinition, validateDefinition } from '../../engine/definitions/validate-definition';
import { localizeErrors } from '../../engine/messages/index';
import { label, sampleDefinition } from './fixtures';

const paths = (def: unknown): string[] =>
  validateDefinition(def)
    .map((e) => e.path)
    .sort();

describe('validateDefinition', () => {
  it('accepts a well-formed definition with no errors', () => {
    expect(validateDefinition(sampleDefinition())).toEqual([]);
  });

  it('lists every error of an invalid definition, each with a JSON Pointer', () => {
    const def = {
      key: 'Bad Key',
      title: { 'zh-CN': '' },
      category: 'ledger',
      schema: {
        type: 'object',
        properties: { qty: { type: 'int' }, price: { type: 'number', minimun: 0 } },
      },
      states: [{ key: 'draft', label: label('新建', 'Draft'), editable: 'yes' }],
      initialState: 'draft',
      transitions: [
        {
          key: 'submit',
          from: [],
          to: 'draft',
          label: label('提交', 'Submit'),
          guard: { logic: { '>': [1, 0], '<': [0, 1] }, message: label('错', 'Wrong') },
        },
      ],
      numbering: { pattern: 'SO-{YYYY}-{seq}' },
      permissions: { clerk: { read: 'mine' } },
      extra: true,
    };
    expect(paths(def)).toEqual([
      '/category',
      '/extra',
      '/key',
      '/numbering/pattern',
      '/permissions/clerk/read',
      '/schema/properties/price/minimun',
      '/schema/properties/qty/type',
      '/states/0/editable',
      '/title/en',
      '/title/zh-CN',
      '/transitions/0/from',
      '/transitions/0/guard/logic',
    ]);
  });

  it('takes every message from the catalogue, rendered in the caller language', () => {
    const errors = validateDefinition({ ...sampleDefinition(), category: 'ledger' });
    expect(localizeErrors(errors, 'zh-CN')).toEqual([
      { path: '/category', message: '必须是以下之一："master", "document", "inventory"' },
    ]);
    expect(localizeErrors(errors, 'en')).toEqual([
      { path: '/category', message: 'must be one of: "master", "document", "inventory"' },
    ]);
  });

  it('points a missing member at the member itself', () => {
    const { initialState: _dropped, ...rest } = sampleDefinition();
    expect(localizeErrors(validateDefinition(rest), 'zh-CN')).toEqual([
      { path: '/initialState', message: '缺少必填项' },
    ]);
  });

  it('explains a malformed numbering pattern with an example', () => {
    const def = { ...sampleDefinition(), numbering: { pattern: 'SO-{YYYY}{seq:4}{seq:2}' } };
    const [error] = validateDefinition(def);
    expect(error.path).toBe('/numbering/pattern');
    expect(error.message).toContain('SO-{YYYY}{MM}{DD}-{seq:4}');
  });

  it('refuses a data schema regex that does not parse, under /schema', () => {
    const def = sampleDefinition();
    def.schema.properties = { ...(def.schema.properties as object), code: { type: 'string', pattern: '([a-z' } };
    expect(paths(def)).toEqual(['/schema/properties/code/pattern']);
  });

  it('refuses a required field the schema does not define', () => {
    const def = sampleDefinition();
    def.schema.required = ['customer', 'custmer'];
    expect(validateDefinition(def)).toEqual([
      expect.objectContaining({ path: '/schema/required/1', message: expect.stringContaining('custmer') }),
    ]);
  });

  it('refuses a data schema ajv will not compile in strict mode', () => {
    const def = sampleDefinition();
    def.schema.properties = { ...(def.schema.properties as object), code: { type: 'string', if: { minLength: 1 } } };
    expect(validateDefinition(def)).toEqual([
      expect.objectContaining({ path: '/schema', message: expect.stringContaining('"if" without "then"') }),
    ]);
  });

  it('refuses a data schema root that is not an object', () => {
    expect(paths({ ...sampleDefinition(), schema: { type: 'array', items: {} } })).toEqual([
      '/schema/properties',
      '/schema/type',
    ]);
  });

  it('refuses a JSON Schema keyword outside the supported subset', () => {
    const def = sampleDefinition();
    def.schema.properties = { ...(def.schema.properties as object), code: { $ref: '#/$defs/code' } };
    expect(paths(def)).toEqual(['/schema/properties/code/$ref']);
  });
});

describe('parseDefinition', () => {
  it('fills optional members with their defaults without touching the input', () => {
    const input = sampleDefinition() as unknown as Record<string, unknown>;
    const transitions = input.transitions as Array<Record<string, unknown>>;
    delete transitions[1].roles;
    const states = input.states as Array<Record<string, unknown>>;
    delete states[0].editable;
    delete states[0].color;
    const before = JSON.stringify(input);

    const { definition, errors } = parseDefinition(input);

    expect(errors).toEqual([]);
    expect(definition.transitions[1].roles).toEqual([]);
    expect(definition.states[0]).toMatchObject({ editable: false, color: 'default', terminal: false });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('accepts a definition without version (assigned on publish)', () => {
    const { version: _v, ...rest } = sampleDefinition();
    expect(parseDefinition(rest).errors).toEqual([]);
  });
});

describe('getMetaSchema', () => {
  it('is a draft 2020-12 schema with a stable $id', () => {
    const meta = getMetaSchema();
    expect(meta.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(meta.$id).toMatch(/definition\.json$/);
  });
});
