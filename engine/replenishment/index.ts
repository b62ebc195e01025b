// The public surface of engine/replenishment: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { LOW_STOCK_SCAN_JOB, scanReplenishment } from './scan';
export { replenishmentPlugin } from './plugin';
