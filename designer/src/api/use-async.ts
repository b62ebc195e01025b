// Loads something when its inputs change; an answer for stale inputs is dropped.
// `loading` is derived (the answer held is for other inputs), so no state is
// set synchronously inside the effect.
import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload(): void;
}

interface Held<T> {
  key: string;
  data?: T;
  error?: Error;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [held, setHeld] = useState<Held<T>>({ key: '' });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([deps, tick]);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setHeld({ key, data }),
      (error: unknown) =>
        current &&
        setHeld((h) => ({ key, data: h.data, error: error instanceof Error ? error : new Error(String(error)) })),
    );
    return () => {
      current = false;
    };
    // `load` is rebuilt every render; `key` stands for what it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const fresh = held.key === key;
  // While new inputs load, the previous answer stays on screen (no flicker); an old error does not.
  return { data: held.data, error: fresh ? held.error : undefined, loading: !fresh, reload };
}
