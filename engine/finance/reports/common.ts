// Helpers the finance reports share: column builders and cents → yuan.
import type { LocalizedText } from '../../definitions/index';
import type { ReportColumn } from '../../reports/index';
import { Dec } from '../../money/index';

export const col = (key: string, zh: string, en: string, type: ReportColumn['type']): ReportColumn => ({
  key,
  title: { 'zh-CN': zh, en },
  type,
});
export const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
export const yuan = (cents: number): number => cents / 100;
/** margin ÷ revenue as a fraction with 4 places (0.4 = 40 %); null without revenue. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : new Dec(part).div(whole).toDecimalPlaces(4).toNumber();
export const FINANCE_ROLES = ['finance_manager'];
