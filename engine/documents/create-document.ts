// POST /api/documents/:type — permission, computed fields, validation, number,
// insert with the `created` event (see events.ts), then settle the event.
import { AppError, DuplicateKeyError } from '../errors';
import type { CompiledDefinition } from '../definitions/index';
import { priceLines } from '../pricing/index';
import { newId, type Store } from '../store/index';
import type { Actor, DocumentRecord } from './document-record';
import { insertNewDocument } from './insert-new-document';
import { assertMayCreate } from './permissions';
import { prepareData } from './prepare-data';
import { loadRelated, ruleContext } from './rule-context';
import type { RuleUser } from './row-filter';

export interface CreateInput {
  compiled: CompiledDefinition;
  data: Record<string, unknown>;
  user: RuleUser;
  now: Date;
}

function duplicate(err: DuplicateKeyError, type: string): AppError {
  return new AppError('DUPLICATE_KEY', `Another ${type} already has this value (unique index ${err.index}).`, {
    errors: [{ path: '', message: `duplicate value for unique index ${err.index}` }],
    extra: { index: err.index },
    cause: err,
  });
}

/**
 * The data a new document would be stored with: default prices, computed fields,
 * validation (422 with field errors). Writes nothing, so an import can check every
 * row before it creates the first document.
 */
export async function prepareNewData(store: Store, input: CreateInput & { id: string }): Promise<Record<string, unknown>> {
  const { compiled, user, now } = input;
  const def = compiled.def;
  const envelope = { id: input.id, type: def.key, state: def.initialState, version: 1, definitionVersion: def.version, createdBy: user.id };
  const priced = await priceLines(store, { def, data: input.data, user, now });
  const related = compiled.relatedUse.computed ? await loadRelated(store, def, priced) : {};
  return prepareData(compiled, priced, ruleContext({ data: priced, doc: envelope, user, now, related }));
}

export async function createDocument(store: Store, input: CreateInput): Promise<DocumentRecord> {
  const { compiled, user, now } = input;
  const def = compiled.def;
  assertMayCreate(def, user);
  const id = newId();
  const actor: Actor = { id: user.id, username: user.username };
  const data = await prepareNewData(store, { ...input, id });
  try {
    return await insertNewDocument(store, { compiled, id, data, actor, now });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw duplicate(err, def.key);
    throw err;
  }
}
