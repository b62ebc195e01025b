// createEngine(): the one place an engine's registries and services are made.
// The web app (engine/app.ts) and `npm run workers` (workers/main.ts) both call
// it, so a worker runs a transition with the same effects, phases and approval
// seam as the web app. Nothing here is a module global: two engines in one
// process (tests) never see each other's registrations.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import { createRegistry, type CompileHook, type RegistryOptions } from '../definitions/index';
import {
  createApprovalHooks,
  createEffectRegistry,
  createKeyedBatches,
  createSharedLoads,
  documentsPort,
} from '../documents/index';
import { createFaultSeam, faultsFromConfig, type FaultSeam } from '../faults/index';
import type { QueueName, QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import { builtinPlugins } from './builtins';
import { createNamedRegistry } from './named-registry';
import type {
  AlertKind,
  EngineContext,
  EngineLogger,
  EnginePlugin,
  JobHandler,
  NotificationChannel,
  ReportKind,
  Schedule,
} from './types';

export interface EngineOptions {
  config: Config;
  store: Store;
  queue: QueuePort;
  /** The engine's clock (tests inject a fake one); default the system clock. */
  clock?: () => Date;
  log?: EngineLogger;
  /** The definitions registry's cache options. */
  definitions?: Omit<RegistryOptions, 'compileHooks' | 'documents'>;
  /** Plugins installed after the built-in capabilities. */
  plugins?: EnginePlugin[];
  /** Fault points for tests; default one read from the (test-only) config. */
  faults?: FaultSeam;
  /** Leave the built-in capabilities out (tests of the registries themselves). */
  bare?: boolean;
}

const silent: EngineLogger = { error: () => undefined, warn: () => undefined, info: () => undefined };

export function createEngine(options: EngineOptions): EngineContext {
  const { config, store, queue } = options;
  const compileHooks = new Map<string, CompileHook>();
  const jobs = new Map<QueueName, Map<string, JobHandler>>();
  const schedules = new Map<string, Schedule>();
  const installed: Array<{ name: string; version?: string }> = [];
  const faults = options.faults ?? createFaultSeam();
  const effects = createEffectRegistry();
  if (!options.faults) faultsFromConfig(faults, config.testHooks);

  const engine: EngineContext = {
    config,
    store,
    queue,
    clock: options.clock ?? (() => new Date()),
    log: options.log ?? silent,
    definitions: createRegistry(store, {
      ...options.definitions,
      compileHooks: () => [...compileHooks.values()],
      effects,
      // Documents compiles its parts of each version and makes its indexes (definitions sits below it).
      documents: documentsPort,
    }),
    effects,
    approvals: createApprovalHooks(),
    counterBatches: createKeyedBatches(),
    counterLoads: createSharedLoads(),
    faults,
    outbound: {},
    alertKinds: createNamedRegistry<AlertKind>('alert kind'),
    reportKinds: createNamedRegistry<ReportKind>('report kind'),
    channels: createNamedRegistry<NotificationChannel>('notification channel'),
    compileHooks: {
      register(name, hook) {
        if (compileHooks.has(name)) throw new Error(`compile hook "${name}" is already registered`);
        compileHooks.set(name, hook);
      },
      list: () => [...compileHooks.entries()],
    },
    jobs: {
      register(queueName, name, handler) {
        const named = jobs.get(queueName) ?? new Map<string, JobHandler>();
        if (named.has(name)) throw new Error(`job "${name}" of the ${queueName} queue is already registered`);
        named.set(name, handler);
        jobs.set(queueName, named);
      },
      get: (queueName, name) => jobs.get(queueName)?.get(name),
      queues: () => new Map([...jobs.entries()].map(([q, named]) => [q, [...named.keys()]])),
    },
    schedules: {
      register(schedule) {
        if (!schedule.everyMs && !schedule.cron) throw new Error(`schedule "${schedule.name}" needs everyMs or cron`);
        schedules.set(`${schedule.queue}:${schedule.name}`, schedule);
      },
      unregister(queueName, name) {
        schedules.delete(`${queueName}:${name}`);
      },
      list: () => [...schedules.values()],
    },
    plugins: () => [...installed],
    use(plugin) {
      if (installed.some((p) => p.name === plugin.name))
        throw new Error(`plugin "${plugin.name}" is already installed`);
      plugin.register(engine);
      installed.push({ name: plugin.name, ...(plugin.version ? { version: plugin.version } : {}) });
    },
    async start() {
      for (const s of schedules.values()) {
        const timing = s.cron ? { cron: s.cron } : { everyMs: s.everyMs };
        await queue.repeat(s.queue, s.name, s.data ?? {}, { key: s.name, ...timing });
        if (s.runAtStart)
          await queue.enqueue(s.queue, s.name, s.data ?? {}, { jobId: `${s.name}-start-${randomUUID()}` });
      }
    },
  };
  if (!options.bare) for (const plugin of builtinPlugins) engine.use(plugin);
  for (const plugin of options.plugins ?? []) engine.use(plugin);
  return engine;
}
