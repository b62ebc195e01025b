// Batches per key inside one engine: work on one key that arrives while that
// key's batch runs waits, then all of it runs as the next batch; different keys
// run side by side. The lookup counters use it for their compare-and-set
// (counter-writes.ts): three hundred submits for one customer, all racing one
// counter document, otherwise each re-read and retried until it won — about n²/2
// guarded writes, which FerretDB runs one at a time per collection (ten minutes
// for 300). One at a time made it n writes, each waiting for the last one's
// commit (a walk-in customer's orders all queued on it); in batches, the orders
// that arrived meanwhile go in one write. It is only an optimisation: the
// compare-and-set still decides, so engines sharing a MongoDB (each with its own
// batches) stay correct.

/**
 * Runs `item` in the next batch of `key`: `run` gets the batch's items and
 * answers one result per item, in order; if it throws, every item of that batch
 * gets the error. Every caller of one key passes the same `run`.
 */
export type KeyedBatches = <T, R>(key: string, item: T, run: (items: T[]) => Promise<R[]>) => Promise<R>;

interface Waiter {
  item: unknown;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

export function createKeyedBatches(): KeyedBatches {
  // A key is here while a batch of it runs; its array gathers the next batch.
  const next = new Map<string, Waiter[]>();
  const drain = async (key: string, run: (items: unknown[]) => Promise<unknown[]>): Promise<void> => {
    for (let batch = next.get(key) ?? []; batch.length > 0; batch = next.get(key) ?? []) {
      next.set(key, []);
      try {
        const results = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    next.delete(key);
  };
  return <T, R>(key: string, item: T, run: (items: T[]) => Promise<R[]>) =>
    new Promise<R>((resolve, reject) => {
      const waiter: Waiter = { item, resolve, reject };
      const gathering = next.get(key);
      if (gathering) {
        gathering.push(waiter);
        return;
      }
      next.set(key, [waiter]);
      void drain(key, run as (items: unknown[]) => Promise<unknown[]>);
    });
}

/** One load per key at a time: callers asking while it runs share its answer. */
export type SharedLoads = <R>(key: string, load: () => Promise<R>) => Promise<R>;

export function createSharedLoads(): SharedLoads {
  const running = new Map<string, Promise<unknown>>();
  return <R>(key: string, load: () => Promise<R>): Promise<R> => {
    const current = running.get(key);
    if (current) return current as Promise<R>;
    const started = load().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
