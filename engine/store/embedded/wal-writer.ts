// Group commit: writes queue up while the previous batch is being written and
// fsynced, then go out together in one write + one fdatasync. A write's promise
// resolves only once its bytes are durable. Batches are strictly ordered, and a
// switch to the next log file is queued like a write, so a later write can never
// be durable while an earlier one is not.
import type { FileHandle } from 'node:fs/promises';
import { writeAll } from './files';

interface LineEntry {
  kind: 'lines';
  text: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

interface SwitchEntry {
  kind: 'switch';
  handle: FileHandle;
  resolve: () => void;
  reject: (err: Error) => void;
}

type Entry = LineEntry | SwitchEntry;

export interface WalWriter {
  /** Appends already formatted lines; resolves when they are on disk. */
  append(text: string): Promise<void>;
  /** After every earlier append is durable, continue in `handle` (the old file is closed). */
  switchTo(handle: FileHandle): Promise<void>;
  /** Resolves when everything queued so far is written. */
  idle(): Promise<void>;
  /** Bytes written to the current file. */
  readonly bytes: number;
  /** The I/O error that stopped the writer, if any; after one, every append fails. */
  readonly failure: Error | null;
  close(): Promise<void>;
}

export function createWalWriter(options: {
  handle: FileHandle;
  bytes: number;
  fsync: boolean;
  /** Called after each durable batch, e.g. to start compaction when the log is large. */
  onFlushed?: (bytes: number) => void;
}): WalWriter {
  let handle = options.handle;
  let bytes = options.bytes;
  let failure: Error | null = null;
  const queue: Entry[] = [];
  let running: Promise<void> | null = null;

  const fail = (err: Error): void => {
    failure = err;
    for (const entry of queue.splice(0)) entry.reject(err);
  };

  async function flushBatch(): Promise<void> {
    let n = 0;
    while (n < queue.length && queue[n].kind === 'lines') n += 1;
    const batch = queue.splice(0, n) as LineEntry[];
    const data = Buffer.from(batch.map((e) => e.text).join(''), 'utf8');
    try {
      await writeAll(handle, data);
      if (options.fsync) await handle.datasync();
    } catch (err) {
      for (const entry of batch) entry.reject(err as Error);
      throw err;
    }
    bytes += data.length;
    for (const entry of batch) entry.resolve();
    options.onFlushed?.(bytes);
  }

  async function run(): Promise<void> {
    while (queue.length > 0 && !failure) {
      const head = queue[0];
      if (head.kind === 'lines') {
        await flushBatch();
        continue;
      }
      queue.shift();
      const old = handle;
      handle = head.handle;
      bytes = 0;
      await old.close();
      head.resolve();
    }
  }

  // Started on the next tick, so every write issued in this turn of the event
  // loop (e.g. a Promise.all of updates) shares the first batch; later writes
  // gather while a batch is being fsynced. Not setImmediate: tests with fake
  // timers would never see a write complete.
  function schedule(): void {
    if (running) return;
    running = new Promise<void>((resolve) => process.nextTick(resolve))
      .then(run)
      .catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        running = null;
        if (queue.length > 0 && !failure) schedule();
      });
  }

  function enqueue<E extends Entry>(make: (resolve: () => void, reject: (err: Error) => void) => E): Promise<void> {
    if (failure) return Promise.reject(failure);
    return new Promise<void>((resolve, reject) => {
      queue.push(make(resolve, reject));
      schedule();
    });
  }

  return {
    append: (text) => enqueue((resolve, reject) => ({ kind: 'lines', text, resolve, reject })),
    switchTo: (next) => enqueue((resolve, reject) => ({ kind: 'switch', handle: next, resolve, reject })),
    async idle() {
      while (running) await running;
    },
    get bytes() {
      return bytes;
    },
    get failure() {
      return failure;
    },
    async close() {
      while (running) await running;
      await handle.close();
    },
  };
}
