// PATCH /api/documents/:type/:id {data, version}: `data` is an RFC 7396 merge
// patch over the stored data (objects merge, null removes a field, arrays are
// replaced whole). Only in states marked `editable`; computed fields recomputed;
// a stale version is a 409, a change or cancellation request waiting for
// approval a 422 (pending-request.ts); either changes nothing. The change goes
// through applyChange, so an edit that moves a counted document (another slot, a
// new amount) moves its lookup counters, refused as the transition into the
// counted states would refuse it (bounding-guard.ts).
import type { DefinitionRegistry, Locale } from '../definitions/index';
import { priceLines } from '../pricing/index';
import { checkLineUnits } from '../units/index';
import { readsById, type Store } from '../store/index';
import { applyChange } from './apply-change';
import { counterGuardOf } from './bounding-guard';
import { versionConflict } from './commit-change';
import { envelopeOf, type DocumentRecord } from './document-record';
import { dataDiff } from './events';
import { assertMayWriteFields } from './field-permissions';
import { assertMayUpdate } from './permissions';
import { assertNoPendingRequest } from './pending-request';
import { mergePatch, prepareData } from './prepare-data';
import { readDocument } from './read-document';
import { referenceScope } from './reference-scope';
import { loadRuleInputs, ruleContext } from './rule-context';
import type { RuleUser } from './row-filter';
import { messageError } from '../messages/index';
import type { DocumentServices } from './services';

export interface UpdateInput {
  type: string;
  id: string;
  data: Record<string, unknown>;
  version: number;
  user: RuleUser;
  now: Date;
  /** The change pipeline (counters, effects, faults). */
  engine: DocumentServices;
  /** The caller's language, for a capacity refusal. */
  locale?: Locale;
}

export async function updateDocument(
  store: Store,
  registry: DefinitionRegistry,
  input: UpdateInput,
): Promise<DocumentRecord> {
  const { doc, compiled, latest } = await readDocument(store, registry, input);
  assertMayUpdate(latest.def, input.user, doc);
  if (doc.version !== input.version) throw versionConflict(doc.type, doc._id, input.version, doc.version);
  assertNoPendingRequest(doc, 'edit');
  const state = compiled.states.get(doc.state);
  if (!state?.editable) {
    throw messageError(
      'RULE_FAILED.state_not_editable',
      { type: doc.type, state: doc.state },
      { extra: { state: doc.state } },
    );
  }
  const patched = mergePatch(doc.data, input.data);
  assertMayWriteFields({ def: latest.def, user: input.user, before: doc.data, after: patched });
  // The customer and products are read once for pricing, units and the rule context.
  const reads = readsById(store);
  const merged = await priceLines(store, {
    def: compiled.def,
    data: patched,
    patch: input.data,
    user: input.user,
    now: input.now,
    reads,
  });
  await checkLineUnits(store, compiled.def, merged, reads);
  const inputs = compiled.relatedUse.computed
    ? await loadRuleInputs(store, compiled, merged, {
        excludeId: doc._id,
        scope: referenceScope(registry, input.user),
        counted: { counters: latest.counters, self: doc, loads: input.engine.counterLoads },
        reads,
      })
    : { related: {} };
  const data = prepareData(
    compiled,
    merged,
    ruleContext({ data: merged, doc: envelopeOf(doc), user: input.user, now: input.now, ...inputs }),
  );
  // A patch that changes nothing writes nothing: no new version, no empty history event.
  if (dataDiff(doc.data, data).length === 0) return doc;
  const { doc: updated } = await applyChange(store, {
    current: doc,
    expectedVersion: input.version,
    data,
    event: { kind: 'updated' },
    actor: { id: input.user.id, username: input.user.username },
    now: input.now,
    engine: input.engine,
    counterGuard:
      latest.counters.length > 0
        ? await counterGuardOf(store, compiled, { doc, data, user: input.user, now: input.now, locale: input.locale })
        : undefined,
    request: { user: input.user, now: input.now, locale: input.locale ?? 'zh-CN' },
  });
  return updated;
}
