// Helpers the finance reports share: column builders, cents → yuan, and what the
// reports of each side (receivables, payables) have in common.
import type { LocalizedText } from '../../definitions/index';
import { Dec } from '../../money/index';
import { AR, type Side } from '../ledger';

export { bilingual as t, reportColumn as col } from '../../reports/index';
export const yuan = (cents: number): number => cents / 100;
/** margin ÷ revenue as a fraction with 4 places (0.4 = 40 %); null without revenue. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : new Dec(part).div(whole).toDecimalPlaces(4).toNumber();
export const FINANCE_ROLES = ['finance_manager'];

/** Who reads a side's aging and statement, and what its party is called. */
export const sideReports = (side: Side): { roles: string[]; party: LocalizedText } =>
  side === AR
    ? { roles: [...FINANCE_ROLES, 'sales_manager'], party: { 'zh-CN': '客户', en: 'Customer' } }
    : { roles: [...FINANCE_ROLES, 'purchase_manager'], party: { 'zh-CN': '供应商', en: 'Supplier' } };
