// One engine per FerretDB store. FerretDB 1.24 runs an update as "read the
// matching documents, then write them back", so a guarded update (stock
// `available >= n`, a document's `version`, the numbering counter's $inc) holds
// only inside one process (mongodb/write-lock.ts). Two engines on one FerretDB
// oversold and lost numbers. So an engine on FerretDB holds a lease, and a
// second engine refuses to start with a message saying why.
//
// The lease must itself be safe on FerretDB, so it uses the one operation that
// is atomic there: inserting a unique `_id` (SQLite's primary key). Each holder
// inserts the next *generation* (`g000000000007`); two starters racing for the
// same generation get one insert and one duplicate-key error. The holder renews
// its own generation's expiry (no one else writes that document), and a starter
// takes over only when the newest generation has expired. A holder that stalled
// past the expiry finds a newer generation on its next renewal and stops.
import { hostname } from 'node:os';
import { AppError, DuplicateKeyError } from '../errors';
import { newId } from './ids';
import type { Store, StoredDoc } from './types';

export const LEASE_COLLECTION = 'engine_lease';

interface LeaseDoc extends StoredDoc {
  generation: number;
  holder: string;
  host: string;
  pid: number;
  /** 'engine' or 'workers' (`npm run workers`); absent on leases written before it was recorded. */
  role?: LeaseRole;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface StoreLease {
  readonly generation: number;
  /** Gives the lease up (expires it now), so the next engine starts at once. */
  release(): Promise<void>;
}

/** Who holds the lease: an engine, or `npm run workers` (which must not write beside an engine on FerretDB). */
export type LeaseRole = 'engine' | 'workers';

export interface LeaseOptions {
  /** Recorded on the lease so a refused starter can say who holds it (default 'engine'). */
  role?: LeaseRole;
  /** How long the lease holds without a renewal; renewed every third of it. */
  ttlMs: number;
  /** Called once when another engine has taken the lease over (this one stalled past the expiry). */
  onLost(reason: string): void;
  now?: () => Date;
}

const idOf = (generation: number): string => `g${String(generation).padStart(12, '0')}`;
const KEEP_GENERATIONS = 5;

async function newest(store: Store): Promise<LeaseDoc | null> {
  const [doc] = await store.collection<LeaseDoc>(LEASE_COLLECTION).find({}, { sort: { generation: -1 }, limit: 1 });
  return doc ?? null;
}

function heldError(doc: LeaseDoc): AppError {
  return new AppError(
    'STORE_LOCKED',
    `MONGODB_URI is a FerretDB store another engine is using (${doc.role === 'workers' ? 'npm run workers, ' : ''}` +
      `${doc.host}, pid ${doc.pid}, since ` +
      `${new Date(doc.acquiredAt).toISOString()}). FerretDB cannot guard concurrent writes from two engines ` +
      `(stock could be oversold), so only one engine may use it: stop the other one, or use MongoDB 6/7 ` +
      `to run several engines. If the other engine was killed, this one can start once its lease expires ` +
      `(${new Date(doc.expiresAt).toISOString()}).`,
    { extra: { holder: { role: doc.role ?? 'engine', host: doc.host, pid: doc.pid } } },
  );
}

/** Takes the engine lease on `store` or throws AppError STORE_LOCKED naming the holder. */
export async function acquireStoreLease(store: Store, options: LeaseOptions): Promise<StoreLease> {
  const now = options.now ?? (() => new Date());
  const leases = store.collection<LeaseDoc>(LEASE_COLLECTION);
  const holder = newId();
  let generation = 0;
  for (let attempt = 0; generation === 0; attempt += 1) {
    const current = await newest(store);
    if (current && new Date(current.expiresAt).getTime() > now().getTime()) throw heldError(current);
    const next = (current?.generation ?? 0) + 1;
    const at = now();
    try {
      await leases.insertOne({
        _id: idOf(next),
        generation: next,
        holder,
        host: hostname(),
        pid: process.pid,
        role: options.role ?? 'engine',
        acquiredAt: at,
        expiresAt: new Date(at.getTime() + options.ttlMs),
      });
      generation = next;
    } catch (err) {
      // Another engine took this generation first: look again (it is live now).
      if (!(err instanceof DuplicateKeyError) || attempt >= 5) throw err;
    }
  }
  await leases.deleteMany({ generation: { $lt: generation - KEEP_GENERATIONS } });

  let lost = false;
  const renew = async (): Promise<void> => {
    const latest = await newest(store);
    if (latest && latest.generation > generation) {
      lost = true;
      clearInterval(timer);
      options.onLost(`another engine took the FerretDB store lease over (generation ${latest.generation})`);
      return;
    }
    await leases.updateOne(
      { _id: idOf(generation), holder },
      { $set: { expiresAt: new Date(now().getTime() + options.ttlMs) } },
    );
  };
  const timer = setInterval(
    () => {
      // A store that does not answer for a moment is retried on the next beat; only a newer generation ends the lease.
      renew().catch(() => undefined);
    },
    Math.max(100, Math.floor(options.ttlMs / 3)),
  );
  timer.unref();

  return {
    generation,
    async release() {
      clearInterval(timer);
      if (lost) return;
      await leases.updateOne({ _id: idOf(generation), holder }, { $set: { expiresAt: new Date(0) } });
    },
  };
}
