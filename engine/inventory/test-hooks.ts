// Fault injection for crash tests. Only the engine's config turns a hook on, and
// the config does so only with NODE_ENV=test (engine/config.ts testHooksFrom), so
// a production process never kills itself because of one stray variable.
import type { TestHooks } from '../config';

let crashAfterTransferLeg = false;

/** Set once at start-up by the inventory plugin from the typed config. */
export function setInventoryTestHooks(hooks: TestHooks): void {
  crashAfterTransferLeg = hooks.crashAfterTransferLeg;
}

/**
 * Runs between the two legs of a transfer. With the hook on, the process dies
 * the way a power cut or OOM kill ends it: SIGKILL, no shutdown handlers, no
 * flushing, so what survives is exactly what the store had durably written.
 */
export function afterFirstTransferLeg(): void {
  if (!crashAfterTransferLeg) return;
  process.stderr.write('JXC_TEST_CRASH_AFTER_TRANSFER_LEG: killing the engine after the first transfer leg\n');
  process.kill(process.pid, 'SIGKILL');
  // Not reached on Linux (SIGKILL to oneself is immediate); never let the second leg run.
  process.exit(137);
}
