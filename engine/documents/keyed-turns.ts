// Turns per key inside one engine: tasks on the same key run one after another,
// tasks on different keys side by side. The lookup counters use it for their
// compare-and-set (lookup-counters.ts): three hundred submits for one customer,
// all racing one counter document, otherwise each re-read and retried until it
// won — about n²/2 guarded writes, which FerretDB runs one at a time per
// collection (ten minutes for 300). Taking turns makes it n writes. It is only an
// optimisation: the compare-and-set still decides, so engines sharing a MongoDB
// (each with its own turns) stay correct.

export type KeyedTurns = <R>(key: string, task: () => Promise<R>) => Promise<R>;

export function createKeyedTurns(): KeyedTurns {
  const tails = new Map<string, Promise<void>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    // The next task waits for this one either way; this one's error reaches its own caller through `run`.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return run;
  };
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
