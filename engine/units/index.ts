// The public surface of engine/units: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { knownUnits, toBaseQty, unitFactor, type BaseQty, type ProductData } from './convert';
export { checkLineUnits, linesInBaseUnits } from './lines';
