// A store that fails chosen calls, to stand in for a process dying between two
// writes: the failing call never reaches the real store.
import type { Collection, Store, StoredDoc } from '../../engine/store/types';

export interface Fault {
  collection: string;
  method: keyof Collection;
  /** Fail this many of the matching calls (default 1), after letting `skip` through. */
  times?: number;
  skip?: number;
}

export class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash before ${where}`);
    this.name = 'SimulatedCrash';
  }
}

export function faultyStore(real: Store, fault: Fault): Store {
  let seen = 0;
  const failing = fault.times ?? 1;
  const skip = fault.skip ?? 0;
  return {
    kind: real.kind,
    ping: () => real.ping(),
    close: () => real.close(),
    collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T> {
      const inner = real.collection<T>(name);
      if (name !== fault.collection) return inner;
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (prop !== fault.method || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            seen += 1;
            if (seen > skip && seen <= skip + failing)
              return Promise.reject(new SimulatedCrash(`${name}.${String(prop)}`));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
}
