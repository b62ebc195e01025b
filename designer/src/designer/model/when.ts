// An approval level's `when` ⇄ react-querybuilder's query. The level's JSON-Logic
// stays the truth: the builder shows parseJsonLogic(when) and writes formatQuery back
// only when the admin edits it, so a hand-written rule is never rewritten by opening it.
import type { RuleGroupType } from 'react-querybuilder';
import { formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import type { Definition, JsonLogic, LocalizedText } from '../../../../engine/definitions/index';

export const EMPTY_QUERY: RuleGroupType = { combinator: 'and', rules: [] };

export function queryOf(when: JsonLogic | undefined): RuleGroupType {
  if (when === undefined || when === null || when === true) return EMPTY_QUERY;
  return parseJsonLogic(when as Parameters<typeof parseJsonLogic>[0]);
}

/** The level's new `when`; undefined when the query is empty (the level always applies). */
export function whenOf(query: RuleGroupType): JsonLogic | undefined {
  if (query.rules.length === 0) return undefined;
  const logic = formatQuery(query, { format: 'jsonlogic', parseNumbers: true }) as JsonLogic;
  if (logic === false) return undefined;
  // A single rule needs no `and` around it (that is how levels are written by hand).
  if (
    typeof logic === 'object' &&
    logic !== null &&
    !Array.isArray(logic) &&
    Array.isArray(logic.and) &&
    logic.and.length === 1
  ) {
    return logic.and[0];
  }
  return logic;
}

export interface RuleField {
  name: string;
  label: LocalizedText;
  inputType: 'number' | 'text';
  /** A select's options, labelled in both languages (`x-title`), else by their title or value. */
  values?: Array<{ name: string; label: LocalizedText }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const labelOf = (node: Record<string, unknown>, key: string): LocalizedText =>
  isObject(node['x-title'])
    ? (node['x-title'] as unknown as LocalizedText)
    : { 'zh-CN': typeof node.title === 'string' ? node.title : key, en: key };

/** An option's label: its `x-title` in both languages, else its title (or value) in both. */
function optionLabel(o: Record<string, unknown>): LocalizedText {
  if (isObject(o['x-title'])) return o['x-title'] as unknown as LocalizedText;
  const text = typeof o.title === 'string' ? o.title : String(o.const);
  return { 'zh-CN': text, en: text };
}

/**
 * Fields a `when` may test: the document's top-level scalar fields (`data.total`),
 * the scalar fields of each related document (`related.customer.creditLevel`) when
 * its definition is known, and the requester's roles.
 */
export function ruleFields(def: Definition, resolve: (key: string) => Definition | undefined): RuleField[] {
  const out: RuleField[] = [];
  const scalars = (schema: Record<string, unknown>, prefix: string, owner?: LocalizedText) => {
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [key, node] of Object.entries(props)) {
      if (
        !isObject(node) ||
        (node.type !== 'number' && node.type !== 'integer' && node.type !== 'string' && node.type !== 'boolean')
      )
        continue;
      const own = labelOf(node, key);
      const label = owner ? { 'zh-CN': `${owner['zh-CN']}.${own['zh-CN']}`, en: `${owner.en}.${own.en}` } : own;
      const values = Array.isArray(node.enum)
        ? node.enum.map((v) => ({ name: String(v), label: { 'zh-CN': String(v), en: String(v) } }))
        : Array.isArray(node.oneOf)
          ? node.oneOf.filter(isObject).map((o) => ({ name: String(o.const), label: optionLabel(o) }))
          : undefined;
      out.push({ name: `${prefix}${key}`, label, inputType: node.type === 'string' ? 'text' : 'number', values });
    }
  };
  scalars(def.schema, 'data.');
  for (const [name, spec] of Object.entries(def.related ?? {})) {
    if (spec.field.includes('[]')) continue; // per-line references are keyed by id: not a single value to test
    const target = resolve(spec.type);
    if (target) scalars(target.schema, `related.${name}.`, target.title);
  }
  // Declared lookups: figures over other documents (`lookup.bookings`), offered like any number.
  for (const lookup of def.lookups ?? []) {
    const own = lookup.label ?? { 'zh-CN': lookup.name, en: lookup.name };
    out.push({
      name: `lookup.${lookup.name}`,
      label: { 'zh-CN': `查找.${own['zh-CN']}`, en: `Lookup.${own.en}` },
      inputType: lookup.aggregate === 'exists' ? 'text' : 'number',
      values:
        lookup.aggregate === 'exists'
          ? [
              { name: 'true', label: { 'zh-CN': '是', en: 'true' } },
              { name: 'false', label: { 'zh-CN': '否', en: 'false' } },
            ]
          : undefined,
    });
  }
  return out;
}
