// The shapes rules and templates can read, expressed as JSON Schemas so one path
// resolver serves both: rules see {data, doc, user, now, related}, per-line
// computed fields also `line`, templates {doc, data, related, locale}.
import { DOC_ENVELOPE_FIELDS, USER_FIELDS, type Definition, type JsonSchema } from '../types';
import type { LintOptions } from './finding';
import { ANY, resolveDataPath } from './schema-paths';

const fieldsOf = (names: readonly string[], overrides: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(names.map((n) => [n, overrides[n] ?? ANY])),
});

export const DOC_SCHEMA = fieldsOf(DOC_ENVELOPE_FIELDS, { number: { type: 'string' }, state: { type: 'string' } });
export const USER_SCHEMA = fieldsOf(USER_FIELDS, { roles: { type: 'array', items: { type: 'string' } } });

/** What the engine adds to every related document beside its data, and to customers. */
const RELATED_EXTRAS: Record<string, JsonSchema> = {
  id: { type: 'string' },
  number: { type: 'string' },
  state: { type: 'string' },
  createdBy: { type: 'string' },
};
const RELATED_EXTRAS_BY_TYPE: Record<string, Record<string, JsonSchema>> = {
  customer: { openOrdersTotal: { type: 'number' }, openReceivables: { type: 'number' } },
};

function relatedDocSchema(type: string, options: LintOptions): JsonSchema {
  const target = options.resolveDefinition?.(type);
  if (!target) return ANY;
  const props = (target.schema.properties ?? {}) as Record<string, JsonSchema>;
  return {
    type: 'object',
    properties: { ...props, ...RELATED_EXTRAS, ...(RELATED_EXTRAS_BY_TYPE[type] ?? {}) },
  };
}

export function relatedSchema(def: Definition, options: LintOptions): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(def.related ?? {})) {
    const doc = relatedDocSchema(spec.type, options);
    // A per-line reference loads every distinct id: related.<name> is keyed by id.
    properties[name] = spec.field.includes('[]') ? { type: 'object', additionalProperties: doc } : doc;
  }
  return { type: 'object', properties };
}

const LOOKUP_FIGURE: Record<string, JsonSchema> = {
  count: { type: 'number' },
  sum: { type: 'number' },
  min: { type: ['number', 'null'] },
  max: { type: ['number', 'null'] },
  exists: { type: 'boolean' },
};

/** `lookup.<name>`: one figure per declared lookup. */
export function lookupSchema(def: Definition): JsonSchema {
  const properties = Object.fromEntries((def.lookups ?? []).map((l) => [l.name, LOOKUP_FIGURE[l.aggregate] ?? ANY]));
  return { type: 'object', properties };
}

export function ruleScope(def: Definition, options: LintOptions, computedField?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    data: def.schema,
    doc: DOC_SCHEMA,
    user: USER_SCHEMA,
    now: { type: 'string' },
    related: relatedSchema(def, options),
    lookup: lookupSchema(def),
  };
  const cut = computedField?.lastIndexOf('[]') ?? -1;
  if (computedField && cut > 0) {
    properties.line = resolveDataPath(def.schema, computedField.slice(0, cut + 2)) ?? ANY;
  }
  return { type: 'object', properties };
}

export function templateScope(def: Definition, options: LintOptions): JsonSchema {
  return {
    type: 'object',
    properties: {
      doc: DOC_SCHEMA,
      data: def.schema,
      // The data with labelled options in the print's language (documents/option-labels.ts).
      display: def.schema,
      related: relatedSchema(def, options),
      locale: { type: 'string' },
    },
  };
}
