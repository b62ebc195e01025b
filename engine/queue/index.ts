// The public surface of engine/queue: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export {
  UnrecoverableJobError,
  QUEUE_NAMES,
  type QueueCounts,
  type JobContext,
  type JobInfo,
  type JobOptions,
  type Processor,
  type QueueLogger,
  type QueueName,
  type QueuePort,
} from './types';
export { isUnrecoverable } from './job-options';
export type { BullmqQueuePort } from './bullmq/index';
export { openBullmqQueue, openQueue } from './open';
export { queuePlugin } from './plugin';
export type { MovedPair, Outbound, OutboundEvent, OutboundTarget } from './outbound';
