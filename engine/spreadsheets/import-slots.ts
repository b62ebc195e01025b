// At most a few imports run at once per engine: each one inflates and parses a
// workbook, and many at once would starve the requests of everyone else. One
// more is refused with 429 rather than queued, so a client
// retrying in a loop cannot pile up uploads in memory.
import { messageError } from '../messages/index';

export const MAX_CONCURRENT_IMPORTS = 2;

export interface ImportSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createImportSlots(max = MAX_CONCURRENT_IMPORTS): ImportSlots {
  let running = 0;
  return {
    async run(work) {
      if (running >= max) {
        throw messageError('RATE_LIMITED.imports_running', { max }, { extra: { retryAfter: 5 } });
      }
      running++;
      try {
        return await work();
      } finally {
        running--;
      }
    },
  };
}
