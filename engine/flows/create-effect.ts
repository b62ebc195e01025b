// The `document.create` effect: a transition creates another document, e.g.
// `ship` on a sales order creates its delivery. Options (per transition):
//   { "type": "delivery", "data": { "<field>": <JSON-Logic>, … },
//     "lines": { "from": "lines", "to": "lines", "data": { "<field>": <JSON-Logic>, … } } }
// Each field's rule sees the creating document's context {data, doc, user, now,
// related}; `lines` (optional) builds one target line per source line, its rules
// also seeing `line` (JSON-Logic cannot build objects, so per-line fields such as
// a price looked up by product need this). Fields the target's schema does not
// declare are dropped (an order line's price has no place on a delivery line), as
// are empty results.
// Exactly once per transition: the new document's id derives from the effect's
// outbox id, so a retry finds the first one. Both ways linked: the target's data
// names the source where the options say so, and a link record (links.ts) lets
// the source list what it created.
import type { DocumentCreateOptions, JsonLogic, JsonSchema } from '../definitions/index';
import { envelopeOf, loadRuleInputs, ruleContext, type EffectHandler } from '../documents/index';
import { compileRule, type CompiledRule, type RuleContext } from '../rules/index';
import { addLink } from './links';
import { createSystemDocument, derivedId } from './system-create';

interface CreateOptions extends DocumentCreateOptions {
  lines?: { from?: string; to?: string; data: Record<string, JsonLogic> };
}

const compiledData = new Map<string, Array<[string, CompiledRule]>>();

/** Rules are compiled once per distinct set of rules (i.e. per definition version and transition). */
function compiled(rules: Record<string, JsonLogic> | undefined, at: string): Array<[string, CompiledRule]> {
  const key = `${at}\u0000${JSON.stringify(rules ?? {})}`;
  let out = compiledData.get(key);
  if (!out) {
    out = Object.entries(rules ?? {}).map(([field, logic]) => [field, compileRule(logic, { path: `${at}/${field}` })]);
    compiledData.set(key, out);
  }
  return out;
}

function evaluate(rules: Array<[string, CompiledRule]>, context: RuleContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of rules) out[field] = rule(context);
  return out;
}

const isEmpty = (value: unknown): boolean => value === null || value === undefined;

/** Keeps what the schema declares, recursively through objects and arrays of objects. */
export function fitToSchema(schema: JsonSchema | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => fitToSchema(schema?.items as JsonSchema | undefined, item));
  const properties = schema?.properties as Record<string, JsonSchema> | undefined;
  if (typeof value !== 'object' || value === null || !properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key in properties && !isEmpty(child)) out[key] = fitToSchema(properties[key], child);
  }
  return out;
}

function buildData(options: CreateOptions, context: RuleContext, schema: JsonSchema): Record<string, unknown> {
  const raw = evaluate(compiled(options.data, '/effectOptions/document.create/data'), context);
  if (options.lines) {
    const rules = compiled(options.lines.data, '/effectOptions/document.create/lines/data');
    const source = (context.data as Record<string, unknown>)[options.lines.from ?? 'lines'];
    const lines = Array.isArray(source) ? source : [];
    raw[options.lines.to ?? 'lines'] = lines.map((line: unknown) => evaluate(rules, { ...context, line }));
  }
  return fitToSchema(schema, raw) as Record<string, unknown>;
}

export const documentCreateEffect: EffectHandler = async (ctx) => {
  const options = ctx.options as Partial<CreateOptions>;
  if (typeof options.type !== 'string' || options.type === '') {
    throw new Error(`document.create on ${ctx.doc.type} ${ctx.doc._id} has no target type in its effectOptions`);
  }
  const registry = ctx.engine.definitions;
  const target = await registry.latest(options.type);
  const id = derivedId(ctx.outboxId);
  const source = await registry.get(ctx.doc.type, ctx.doc.definitionVersion);
  const inputs = await loadRuleInputs(ctx.store, source, ctx.doc.data, { excludeId: ctx.doc._id });
  const user = { id: ctx.event.actor.id, username: ctx.event.actor.username, roles: [] };
  const context = ruleContext({ data: ctx.doc.data, doc: envelopeOf(ctx.doc), user, now: ctx.event.at, ...inputs });
  const via = {
    effect: ctx.effect,
    event: ctx.event._id,
    ...(ctx.event.transition ? { transition: ctx.event.transition } : {}),
  };
  const from = { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number };
  const { doc } = await createSystemDocument(ctx.store, {
    registry: ctx.engine.definitions,
    compiled: target,
    id,
    data: buildData(options as CreateOptions, context, target.def.schema),
    actor: ctx.event.actor,
    now: ctx.event.at,
    details: { createdFrom: { ...from, ...via } },
    ...(typeof options.state === 'string' ? { state: options.state } : {}),
  });
  await addLink(ctx.store, { from, to: { type: doc.type, id: doc._id, number: doc.number }, via, at: ctx.event.at });
};
