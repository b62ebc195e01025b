// The public surface of engine/inventory: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { OPERATIONS, LEVELS, MOVES, type LevelDoc, type MoveDoc } from './types';
export { levels, readRows } from './levels';
export { operationId, resumePendingOperations } from './operation';
export { addIncoming, issueStock, releaseStock, removeIncoming, reserveStock } from './operations';
export { toMilli, toUnits } from './quantity';
export { resumePendingTransfers } from './transfer';
export { undoOperation } from './undo-operation';
export { registerInventoryEffects, reserveOrWait, type ReceiptCheck, type ReceiptCheckInput } from './effects';
export { releaseOrUnwait } from './backorder-changes';
export { stocktakeRoutes } from './stocktake-routes';
export { inventory } from './routes';
export { VALUATION, valuations, averageOf, type ValuationDoc } from './valuation';
export { allocateAllWaiting, allocateWaiting } from './allocate';
export { BACKORDERS, backorders, ensureBackorderIndexes, type BackorderDoc } from './backorder-records';
export { backordersOf, dropBackorders } from './backorders';
