// Documents the engine creates itself (a delivery when an order ships, a draft
// requisition below the reorder point). Unlike POST /api/documents they are not
// subject to the actor's create permission (the transition that caused them was
// allowed), and they take a caller-chosen id: creating the same id twice returns
// the first document, which makes the creating effect or job exactly-once.
// Otherwise the same steps as create-document.ts: computed fields and
// validation, then insertNewDocument.
import { createHash } from 'node:crypto';
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import {
  documentsCollection,
  insertNewDocument,
  prepareData,
  loadRuleInputs,
  ruleContext,
  type Actor,
  type DocumentRecord,
} from '../documents/index';
import { DuplicateKeyError } from '../errors';
import { messageError } from '../messages/index';
import type { Store } from '../store/index';

/** A 24-hex document id derived from an idempotency key (same shape as newId()). */
export const derivedId = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 24);

export interface SystemCreateInput {
  compiled: CompiledDefinition;
  id: string;
  data: Record<string, unknown>;
  /** Recorded as creator: the user whose action caused it, or the system actor. */
  actor: Actor;
  now: Date;
  /** Why it exists, kept on the `created` event (e.g. the order and transition). */
  details?: Record<string, unknown>;
  /** A declared state to start in instead of the initial one (a delivery created already shipped). */
  state?: string;
  /** Where other types' counters over this type are found; a system document moves them unbounded. */
  registry: Pick<DefinitionRegistry, 'countedBy'>;
}

export async function createSystemDocument(
  store: Store,
  input: SystemCreateInput,
): Promise<{ doc: DocumentRecord; created: boolean }> {
  const { compiled, id, actor, now } = input;
  const def = compiled.def;
  const collection = documentsCollection(store, def.key);
  const earlier = await collection.findById(id);
  if (earlier) return { doc: earlier, created: false };
  const state = input.state && def.states.some((s) => s.key === input.state) ? input.state : def.initialState;
  const envelope = {
    id,
    type: def.key,
    state,
    version: 1,
    definitionVersion: def.version,
    createdBy: actor.id,
  };
  const user = { id: actor.id, username: actor.username, roles: [] };
  const inputs = compiled.relatedUse.computed ? await loadRuleInputs(store, compiled, input.data) : { related: {} };
  const data = prepareData(
    compiled,
    input.data,
    ruleContext({ data: input.data, doc: envelope, user, now, ...inputs }),
  );
  try {
    return {
      doc: await insertNewDocument(store, {
        compiled,
        id,
        data,
        actor,
        now,
        details: input.details,
        state,
        counting: { registry: input.registry },
      }),
      created: true,
    };
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    // A concurrent run of the same effect won: its document is the one.
    const raced = await collection.findById(id);
    if (raced) return { doc: raced, created: false };
    throw messageError('DUPLICATE_KEY.unique_index', { type: def.key, index: err.index }, { cause: err });
  }
}
