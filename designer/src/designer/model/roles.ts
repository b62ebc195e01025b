// The engine's built-in roles with their labels: offered until /api/roles answers
// (and if it cannot), and always offered to a transition beside the roles it names.
// A copy of the engine's BUILT_IN_ROLES (engine/users/roles.ts): that module reaches
// the store and the audit log, which the browser bundle cannot take in.
import type { LocalizedText } from './types';

export interface RoleOption {
  key: string;
  label?: LocalizedText;
}

export const BUILTIN_ROLES: RoleOption[] = [
  { key: 'admin', label: { 'zh-CN': '系统管理员', en: 'Administrator' } },
  { key: 'sales_clerk', label: { 'zh-CN': '销售员', en: 'Sales clerk' } },
  { key: 'sales_manager', label: { 'zh-CN': '销售经理', en: 'Sales manager' } },
  { key: 'finance_manager', label: { 'zh-CN': '财务经理', en: 'Finance manager' } },
  { key: 'purchaser', label: { 'zh-CN': '采购员', en: 'Purchaser' } },
  { key: 'purchase_manager', label: { 'zh-CN': '采购经理', en: 'Purchase manager' } },
  { key: 'warehouse_keeper', label: { 'zh-CN': '仓管员', en: 'Warehouse keeper' } },
];
