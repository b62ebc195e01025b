// The public surface of engine/purchasing: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { checkReceiptAgainstOrder } from './receipt-check';
