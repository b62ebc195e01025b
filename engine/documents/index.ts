// The public surface of engine/documents: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export {
  documentsCollection,
  envelopeOf,
  toView,
  type Actor,
  type ApprovalRecord,
  type DocumentRecord,
  type DocumentView,
} from './document-record';
export { ensureDocumentIndexes } from './indexes';
export { documentsPort } from './compile-parts';
export { insertNewDocument } from './insert-new-document';
export { resumeDocumentChanges } from './resume-effects';
export { deliverOutboxEntry, OUTBOX_DELIVER_JOB, outboxJobId } from './outbox-worker';
export { type RuleUser } from './row-filter';
export {
  loadRuleInputs,
  ruleContext,
  legacyOpenOrdersLookup,
  type RelatedFigure,
  type RuleInputs,
} from './rule-context';
export { compileLookups, type CompiledLookup } from './lookups';
export { type DocumentNumbering } from './numbering';
export { compileOptionLabels, displayData, displayValues, optionLabel, type OptionLabels } from './option-labels';
export { counterLookups, COUNTER_EFFECT, COUNTERS_COLLECTION } from './lookup-counters';
export { compensateCounters, counterEffect, type CounterGuard } from './counter-writes';
export { docParams, documentSchema, idParam, idempotencyHeaders, listQuery } from './schemas';
export { type DocumentServices } from './services';
export { createKeyedBatches, createSharedLoads, type KeyedBatches, type SharedLoads } from './keyed-batches';
export { applyChange } from './apply-change';
export { counterGuardOf, entersCountedStates } from './bounding-guard';
export {
  createApprovalHooks,
  effectRequests,
  type ApprovalHooks,
  type ApprovalSeam,
  type CompiledLevel,
} from './approval-seam';
export {
  createEffectRegistry,
  type EffectContext,
  type EffectHandler,
  type EffectLogger,
  type EffectOptions,
  type EffectPhase,
  type EffectRegistry,
} from './effects';
export { dataDiff, ensureEventIndexes, EVENTS_COLLECTION, type EffectRequest, type EventRecord } from './events';
export { ensureIdempotencyIndexes, purgeExpiredIdempotencyKeys, requestHash, withIdempotency } from './idempotency';
export { MAX_LIMIT, listDocuments, type ListQuery } from './list-documents';
export { buildListSpec, type ListSpec } from './list-spec';
export {
  assertMayCreate,
  assertMayRunTransition,
  assertMayUpdate,
  compileRowFilters,
  readFilter,
  readScope,
  type CompiledRowFilters,
} from './permissions';
export { mergePatch, prepareData } from './prepare-data';
export { documentNotFound, readDocument } from './read-document';
export { compileComputed, type CompiledComputed } from './computed';
export { createDocument, prepareNewData } from './create-document';
export { documentsPlugin } from './plugin';
export { assertTransitionScope } from './transition-scope';
export { guardRefusal } from './guard-message';
export { referenceScope, type ReferenceScope } from './reference-scope';
export { assertMayWriteFields, readOnlyFieldsFor } from './field-permissions';
export { versionConflict } from './commit-change';
