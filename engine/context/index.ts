// The engine context's public surface: createEngine() and the registry types
// plugins (plugins/) and workers (workers/) use. See docs/architecture.md.
export { createEngine, type EngineOptions } from './create-engine';
export { IDEMPOTENCY_PURGE_JOB, RESUME_SWEEP_JOB } from './builtins';
export { createNamedRegistry, type NamedRegistry } from './named-registry';
export { processorsOf, registerProcessors, type ProcessorMap } from './processors';
export type {
  AlertKind,
  CompileHookRegistry,
  EngineContext,
  EngineLogger,
  EnginePlugin,
  JobHandler,
  JobRegistry,
  NotificationChannel,
  ReportKind,
  Schedule,
  ScheduleRegistry,
} from './types';
export type { CompileHook } from '../definitions/index';
export type { EffectContext, EffectHandler, EffectOptions, EffectPhase, EffectRegistry } from '../documents/index';
export type { FaultAction, FaultPoint, FaultSeam } from '../faults/index';
