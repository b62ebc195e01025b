// Idempotency-Key on creating POSTs. The first request with a key claims a record
// (unique `_id` = caller + key) before doing any work, so concurrent requests with
// one key create one document: the others wait for the first to finish and replay
// its response. The stored response is replayed for 24 hours; the same key with a
// different body is refused. A failed first attempt releases its claim so the
// client's retry runs again.
import { createHash, randomUUID } from 'node:crypto';
import { type AppError, DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';
import { messageError } from '../messages/index';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A claim older than this with no response is from a crashed request and may be taken over. */
const ABANDONED_AFTER_MS = 60 * 1000;
const WAIT_DEADLINE_MS = 15 * 1000;

interface IdempotencyDoc extends StoredDoc {
  requestHash: string;
  claim: string;
  createdAt: Date;
  /** The body is kept as JSON text so a replay is byte-for-byte the first answer. */
  response: { status: number; body: string } | null;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function mismatch(): AppError {
  return messageError('IDEMPOTENCY_MISMATCH.body_differs');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` at most once per (scope, key). Returns the fresh or replayed
 * response. `scope` separates callers so one user cannot replay another's key.
 */
export async function withIdempotency(
  store: Store,
  options: { scope: string; key: string; hash: string; now?: () => Date },
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const now = options.now ?? (() => new Date());
  const records = store.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION);
  const id = `${options.scope}:${options.key}`;
  const claim = randomUUID();
  const deadline = Date.now() + WAIT_DEADLINE_MS;

  for (;;) {
    try {
      await records.insertOne({ _id: id, requestHash: options.hash, claim, createdAt: now(), response: null });
      break;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const existing = await records.findById(id);
    if (!existing) continue; // released between our insert and read: try to claim again
    const age = now().getTime() - existing.createdAt.getTime();
    const expired = age > REPLAY_WINDOW_MS || (existing.response === null && age > ABANDONED_AFTER_MS);
    if (expired) {
      // Take over an expired or abandoned record; the claim guard lets exactly one taker win.
      const taken = await records.findOneAndUpdate(
        { _id: id, claim: existing.claim },
        { $set: { requestHash: options.hash, claim, createdAt: now(), response: null } },
      );
      if (taken) break;
      continue;
    }
    if (existing.requestHash !== options.hash) throw mismatch();
    if (existing.response) {
      return { status: existing.response.status, body: JSON.parse(existing.response.body) as unknown, replayed: true };
    }
    if (Date.now() > deadline) {
      throw messageError('VERSION_CONFLICT.idempotency_in_progress');
    }
    await sleep(25);
  }

  let response: StoredResponse;
  try {
    response = await work();
  } catch (err) {
    await records.deleteOne({ _id: id, claim });
    throw err;
  }
  const body = JSON.stringify(response.body);
  await records.updateOne({ _id: id, claim }, { $set: { response: { status: response.status, body } } });
  return { status: response.status, body: JSON.parse(body) as unknown, replayed: false };
}

export async function ensureIdempotencyIndexes(store: Store): Promise<void> {
  await store.collection(IDEMPOTENCY_COLLECTION).createIndex({ name: 'created_at', keys: { createdAt: 1 } });
}

/** Deletes records past the replay window (for a scheduled clean-up job); returns how many. */
export async function purgeExpiredIdempotencyKeys(store: Store, now: Date = new Date()): Promise<number> {
  return store
    .collection(IDEMPOTENCY_COLLECTION)
    .deleteMany({ createdAt: { $lt: new Date(now.getTime() - REPLAY_WINDOW_MS) } });
}
