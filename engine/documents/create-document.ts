// POST /api/documents/:type — permission, computed fields, validation, number,
// insert with the `created` event (see events.ts), then settle the event.
import { DuplicateKeyError } from '../errors';
import type { CompiledDefinition, DefinitionRegistry, Locale } from '../definitions/index';
import { priceLines } from '../pricing/index';
import { checkLineUnits } from '../units/index';
import { newId, readsById, type Store } from '../store/index';
import type { Actor, DocumentRecord } from './document-record';
import { duplicateFieldError } from './duplicate-field';
import { runEffects, type EffectLogger } from './effects';
import { EVENTS_COLLECTION, eventId, type EventRecord } from './events';
import { assertMayWriteFields, schemaDefaults } from './field-permissions';
import { insertNewDocument } from './insert-new-document';
import type { DocumentServices } from './services';
import { publishEffects } from '../webhooks/index';
import { assertMayCreate } from './permissions';
import { prepareData } from './prepare-data';
import type { ReferenceScope } from './reference-scope';
import { loadRuleInputs, ruleContext } from './rule-context';
import type { RuleUser } from './row-filter';

export interface CreateInput {
  compiled: CompiledDefinition;
  data: Record<string, unknown>;
  user: RuleUser;
  now: Date;
  /** The caller's language, for a duplicate value's message. */
  locale?: Locale;
  /** Runs the creation's after-commit effects at once; without it the outbox worker does, after its lease. */
  engine?: DocumentServices;
  log?: EffectLogger;
  /** The caller's read scope of referenced types (referenceScope(registry, user)). */
  references: ReferenceScope;
}

/**
 * The data a new document would be stored with: default prices, computed fields,
 * validation (422 with field errors). Writes nothing, so an import can check every
 * row before it creates the first document.
 */
export async function prepareNewData(
  store: Store,
  input: CreateInput & { id: string },
): Promise<Record<string, unknown>> {
  const { compiled, user, now } = input;
  const def = compiled.def;
  assertMayWriteFields({ def, user, before: schemaDefaults(def.schema), after: input.data });
  const envelope = {
    id: input.id,
    type: def.key,
    state: def.initialState,
    version: 1,
    definitionVersion: def.version,
    createdBy: user.id,
  };
  // The customer and products are read once for pricing, units and the rule context.
  const reads = readsById(store);
  const priced = await priceLines(store, { def, data: input.data, user, now, reads });
  await checkLineUnits(store, def, priced, reads);
  const inputs = compiled.relatedUse.computed
    ? await loadRuleInputs(store, compiled, priced, {
        scope: input.references,
        counted: { counters: compiled.counters, loads: input.engine?.counterLoads },
        reads,
      })
    : { related: {} };
  return prepareData(compiled, priced, ruleContext({ data: priced, doc: envelope, user, now, ...inputs }));
}

/** `registry`: where other types' counters over this type are found (cross-counters.ts). */
export async function createDocument(
  store: Store,
  input: CreateInput & { registry: DefinitionRegistry },
): Promise<DocumentRecord> {
  const { compiled, user, now } = input;
  const def = compiled.def;
  assertMayCreate(def, user);
  const id = newId();
  const actor: Actor = { id: user.id, username: user.username };
  const data = await prepareNewData(store, { ...input, id });
  // Webhooks hear of the creation through the outbox, recorded with the document itself.
  const effects = await publishEffects(store, 'document.created');
  let doc: DocumentRecord;
  try {
    const request = { user, now, locale: input.locale ?? 'zh-CN' };
    const counting = { registry: input.registry, request, batches: input.engine?.counterBatches };
    doc = await insertNewDocument(store, { compiled, id, data, actor, now, effects, counting, log: input.log });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw await duplicateFieldError(store, compiled, err, data);
    throw err;
  }
  if (effects.length > 0 && input.engine) {
    const event = await store.collection<EventRecord>(EVENTS_COLLECTION).findById(eventId(id, 1));
    if (event) await runEffects(input.engine, doc, event, input.log ?? console);
  }
  return doc;
}
