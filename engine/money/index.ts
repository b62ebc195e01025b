// The public surface of engine/money: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { chineseUppercaseAmount } from './chinese-uppercase';
export { Dec, toDec } from './decimal';
export { exactAdd, exactDiv, exactMod, exactMul, exactRound, exactSub, exactSum } from './exact-arithmetic';
export { formatMoney, formatQty } from './format';
export { numberKindOf, type NumberKind } from './kind';
