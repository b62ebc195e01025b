// The public surface of engine/pricing: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { priceLines } from './price-lines';
