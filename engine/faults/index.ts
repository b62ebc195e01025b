// Fault injection: the named points where a crash or failure test stops the
// engine between two steps. One seam per engine (engine/context), empty in
// production: tests set points on it, and the environment can set one only
// under NODE_ENV=test (engine/config.ts testHooksFrom), so a stray variable
// never makes a production process kill itself.
import type { TestHooks } from '../config';

/** What a point is told about where it is: the intent of a document change, etc. */
export type FaultInfo = Record<string, unknown>;

export type FaultAction = (info: FaultInfo) => void | Promise<void>;

/** Every point the engine offers; new points are added here so tests find them in one place. */
export type FaultPoint =
  /** apply-change.ts: every before-commit effect applied, the commit not yet decided (the sweep compensates). */
  | 'documents.afterEffects'
  /** apply-change.ts: the commit decided, the document not yet written (the sweep rolls forward). */
  | 'documents.beforeWrite'
  /** inventory/transfer.ts: the first leg of a transfer done, the second not yet started. */
  | 'inventory.afterFirstTransferLeg'
  /** notifications/delivery.ts: inbox entries written, their delivery jobs not yet enqueued (the relay sends them). */
  | 'notifications.beforeDispatch'
  /** plugins/service.ts: one definition of a plugin published, the others not yet (install and upgrade roll back). */
  | 'plugins.afterPublish';

export interface FaultSeam {
  /** Sets (or replaces) the actions of the given points. */
  set(points: Partial<Record<FaultPoint, FaultAction>>): void;
  /** Removes every action (tests call it in afterEach). */
  clear(): void;
  /** Runs the point's action, if any; a throw there is the simulated crash. */
  hit(point: FaultPoint, info?: FaultInfo): Promise<void>;
}

export function createFaultSeam(): FaultSeam {
  const actions = new Map<FaultPoint, FaultAction>();
  return {
    set(points) {
      for (const [point, action] of Object.entries(points) as Array<[FaultPoint, FaultAction | undefined]>) {
        if (action) actions.set(point, action);
        else actions.delete(point);
      }
    },
    clear() {
      actions.clear();
    },
    async hit(point, info = {}) {
      await actions.get(point)?.(info);
    },
  };
}

/**
 * Dies the way a power cut or an OOM kill ends a process: SIGKILL, no shutdown
 * handlers, no flushing, so what survives is exactly what the store had written.
 */
function killProcess(reason: string): FaultAction {
  return () => {
    process.stderr.write(`${reason}: killing the engine (fault injection)\n`);
    process.kill(process.pid, 'SIGKILL');
    // Not reached on Linux (SIGKILL to oneself is immediate); never let the next step run.
    process.exit(137);
  };
}

/** The points the (test-only) config turns on: JXC_TEST_CRASH_AFTER_TRANSFER_LEG. */
export function faultsFromConfig(seam: FaultSeam, hooks: TestHooks | undefined): void {
  if (hooks?.crashAfterTransferLeg)
    seam.set({
      'inventory.afterFirstTransferLeg': killProcess('JXC_TEST_CRASH_AFTER_TRANSFER_LEG: after the first transfer leg'),
    });
}
