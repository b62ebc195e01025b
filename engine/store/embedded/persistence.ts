// Keeps the files in step with the in-memory state: every write is appended to
// the current log (group-committed by the WAL writer) and, when the log grows
// large and on close, the state is compacted into the next generation's snapshot.
import { open } from 'node:fs/promises';
import { fsyncDir, removeOlderGenerations, walFile } from './files';
import type { Loaded } from './load';
import { formatRecord } from './records';
import { type CollectionSpecs, type SnapshotEntry, writeSnapshot } from './snapshot';
import type { LogRecord, StoreState } from './state';
import { createWalWriter } from './wal-writer';

export interface Persistence {
  /** Appends records to the log; resolves once they are durable. Call synchronously after changing the state. */
  persist(records: LogRecord[]): Promise<void>;
  compact(): Promise<void>;
  /** The disk error that stopped writing, if any. */
  readonly failure: Error | null;
  /** Flushes, compacts and closes the log. */
  close(): Promise<void>;
}

/** A point-in-time view of the state: stored documents are replaced, never mutated, so references suffice. */
function capture(state: StoreState): { collections: CollectionSpecs; entries: SnapshotEntry[] } {
  const collections: CollectionSpecs = {};
  const entries: SnapshotEntry[] = [];
  for (const coll of state.values()) {
    if (coll.docs.size === 0 && coll.specs.size === 0) continue;
    collections[coll.name] = { indexes: [...coll.specs.values()] };
    for (const doc of coll.docs.values()) entries.push({ c: coll.name, doc });
  }
  return { collections, entries };
}

export async function openPersistence(options: {
  dir: string;
  state: StoreState;
  loaded: Loaded;
  fsync: boolean;
  compactAfterBytes: number;
}): Promise<Persistence> {
  const { dir, state, loaded } = options;
  const last = loaded.wals.at(-1);
  let gen = last?.gen ?? loaded.baseGen;
  const handle = await open(walFile(dir, gen), 'a');
  if (!last) await fsyncDir(dir);
  let compacting: Promise<void> | null = null;
  // Compacting only once the log outgrows the snapshot keeps the rewriting
  // proportional to the writes, however big the data gets.
  let snapshotBytes = loaded.snapshotBytes;
  const due = (logBytes: number): boolean => logBytes >= Math.max(options.compactAfterBytes, snapshotBytes);
  let closing = false;

  const writer = createWalWriter({
    handle,
    bytes: last?.bytes ?? 0,
    fsync: options.fsync,
    onFlushed: (bytes) => {
      if (!due(bytes) || compacting || closing) return;
      compact().catch((err: unknown) => {
        // The log keeps growing but nothing is lost; the next flush tries again.
        process.emitWarning(`store: compaction failed: ${(err as Error).message}`);
      });
    },
  });

  async function runCompaction(): Promise<void> {
    if (writer.failure) throw writer.failure;
    const next = gen + 1;
    const nextHandle = await open(walFile(dir, next), 'a');
    await fsyncDir(dir);
    // From here to switchTo nothing awaits: the captured state is exactly what the
    // old log holds, and every later write goes to the new log.
    const { collections, entries } = capture(state);
    const switched = writer.switchTo(nextHandle);
    gen = next;
    try {
      await switched;
    } catch (err) {
      await nextHandle.close();
      throw err;
    }
    snapshotBytes = (await writeSnapshot({ dir, gen: next, collections, entries })).bytes;
    await removeOlderGenerations(dir, next);
  }

  function compact(): Promise<void> {
    compacting ??= runCompaction().finally(() => {
      compacting = null;
    });
    return compacting;
  }

  // Tidy up after a crash: leftovers of older generations, and several logs or a
  // big one folded into a fresh snapshot.
  await removeOlderGenerations(dir, loaded.baseGen);
  if (loaded.wals.length > 1 || due(writer.bytes)) await compact();

  return {
    persist(records) {
      if (records.length === 0) return Promise.resolve();
      return writer.append(records.map(formatRecord).join(''));
    },
    compact,
    get failure() {
      return writer.failure;
    },
    async close() {
      closing = true;
      try {
        await writer.idle();
        // A failed background compaction was reported when it failed; try afresh below.
        if (compacting) await compacting.catch(() => undefined);
        if (!writer.failure && writer.bytes > 0) await compact();
      } finally {
        await writer.close();
      }
      if (writer.failure) throw writer.failure;
    },
  };
}
