// FerretDB 1.24 runs an update as "query the matching documents, then write them
// back by _id" with nothing in between to stop a concurrent writer, so two
// guarded updates can both match (100 concurrent `available >= 1` decrements of
// 50 all succeed). The adapter therefore runs its read-modify-write operations
// on FerretDB one at a time per collection. This makes compare-and-set correct
// within one process only; real MongoDB needs no lock and gets none.

export type WriteLock = <R>(task: () => Promise<R>) => Promise<R>;

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    // The next task waits for this one to settle either way; its error still
    // reaches this task's caller through `run`, so `tail` never rejects.
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}

export const noLock: WriteLock = (task) => task();
