// A store that records the calls made on chosen collections, and can hold one
// call until the test lets it through (to keep a pass running while the test
// queues another behind it).
import type { Collection, Store, StoredDoc } from '../../engine/store/types';

export interface StoreCall {
  collection: string;
  method: string;
  /** The filter's `queue`, when the first argument is a filter that names one. */
  queue?: unknown;
}

export interface Hold {
  /** Resolves once the held call has been made (and is waiting). */
  reached: Promise<void>;
  release(): void;
}

export interface RecordingStore {
  store: Store;
  calls: StoreCall[];
  /** Holds the next call of `method` on `collection` until `release()`. */
  holdNext(collection: string, method: keyof Collection): Hold;
}

export function recordingStore(real: Store, collections: readonly string[]): RecordingStore {
  const calls: StoreCall[] = [];
  let armed: { collection: string; method: string; reached: () => void; released: Promise<void> } | null = null;

  function record(collection: string, method: string, args: unknown[]): Promise<void> | null {
    const first = args[0];
    const queue = typeof first === 'object' && first !== null ? (first as { queue?: unknown }).queue : undefined;
    calls.push({ collection, method, ...(queue === undefined ? {} : { queue }) });
    if (armed?.collection !== collection || armed.method !== method) return null;
    const { reached, released } = armed;
    armed = null;
    reached();
    return released;
  }

  const store: Store = {
    kind: real.kind,
    ping: () => real.ping(),
    close: () => real.close(),
    collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T> {
      const inner = real.collection<T>(name);
      if (!collections.includes(name)) return inner;
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const call = (): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
            const held = record(name, String(prop), args);
            return held ? held.then(call) : call();
          };
        },
      });
    },
  };

  return {
    store,
    calls,
    holdNext(collection, method) {
      let reached = (): void => undefined;
      let release = (): void => undefined;
      const reachedP = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      armed = { collection, method, reached, released };
      return { reached: reachedP, release };
    },
  };
}
