import type { QueueLogger } from '../../engine/queue/types';

/** Keeps expected retry and failure logs out of the test output; `entries` lets a test look at them. */
export function quietLogger(): QueueLogger & { entries: Array<{ level: string; msg: string; obj: object }> } {
  const entries: Array<{ level: string; msg: string; obj: object }> = [];
  const at = (level: string) => (obj: object, msg: string) => {
    entries.push({ level, msg, obj });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
