// The public surface of engine/store: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { newId } from './ids';
export { readsById, type ReadsById } from './reads-by-id';
export {
  type Collection,
  type Filter,
  type PipelineStage,
  type Store,
  type StoredDoc,
  type StoreInserts,
  type Update,
} from './types';
export { openStore } from './open';
export { storePlugin } from './plugin';
export { backupCounts, backupEmbedded, countEmbedded, restoreEmbedded, type BackupWritten } from './backups';
export { acquireStoreLease, LEASE_COLLECTION, type StoreLease } from './lease';
