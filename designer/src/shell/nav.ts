// The side navigation, generated from the published definitions and the user's
// roles: a type is shown when one of the user's roles may read it, grouped the
// way a shop thinks (销售 / 采购 / 库存 / 基础资料 / 报表 / 设置), not by the
// engine's three categories.
import type { DefinitionSummary, SessionUser } from '../api/types';

export type NavGroup = 'sales' | 'purchase' | 'inventory' | 'master' | 'reports' | 'settings';
export const NAV_GROUPS: NavGroup[] = ['sales', 'purchase', 'inventory', 'master', 'reports', 'settings'];

/** Purchasing documents by key: the engine's categories do not tell sales from purchasing. */
const PURCHASE_KEYS = /^(purchase_|goods_receipt|supplier_)/;

export function navGroupOf(def: Pick<DefinitionSummary, 'key' | 'category'>): NavGroup {
  if (def.category === 'master') return 'master';
  if (def.category === 'inventory') return 'inventory';
  return PURCHASE_KEYS.test(def.key) ? 'purchase' : 'sales';
}

export const isAdmin = (user: Pick<SessionUser, 'roles'>): boolean => user.roles.includes('admin');

/** Read access as the engine grants it: a definition without `permissions` is open to every signed-in user. */
export function canRead(def: DefinitionSummary['definition'], user: SessionUser): boolean {
  if (isAdmin(user) || !def.permissions) return true;
  return user.roles.some(
    (role) => def.permissions?.[role]?.read !== undefined && def.permissions?.[role]?.read !== false,
  );
}

export function canCreate(def: DefinitionSummary['definition'], user: SessionUser): boolean {
  // An archived type (its plugin uninstalled with archive) is read-only, for admins too.
  if (def.archived) return false;
  if (isAdmin(user) || !def.permissions) return true;
  return user.roles.some((role) => def.permissions?.[role]?.create === true);
}

export interface NavItem {
  key: string;
  path: string;
  /** A definition title, or a UI string key (`stockLevels`). */
  title: DefinitionSummary['title'] | string;
}

export function buildNav(defs: DefinitionSummary[], user: SessionUser): Map<NavGroup, NavItem[]> {
  const groups = new Map<NavGroup, NavItem[]>(NAV_GROUPS.map((g) => [g, []]));
  for (const d of defs) {
    if (!canRead(d.definition, user)) continue;
    groups.get(navGroupOf(d))?.push({ key: `/t/${d.key}`, path: `/t/${d.key}`, title: d.title });
  }
  groups.get('sales')?.push({ key: '/inbox', path: '/inbox', title: 'inbox' });
  groups
    .get('inventory')
    ?.unshift(
      { key: '/stock', path: '/stock', title: 'stockLevels' },
      { key: '/stock/opening', path: '/stock/opening', title: 'openingBalance' },
    );
  groups.get('reports')?.push({ key: '/reports', path: '/reports', title: 'reports' });
  if (isAdmin(user) || user.roles.includes('finance_manager')) {
    groups.get('reports')?.push({ key: '/finance', path: '/finance', title: { 'zh-CN': '财务', en: 'Finance' } });
  }
  const settings = groups.get('settings');
  settings?.push({ key: '/account/password', path: '/account/password', title: 'changePassword' });
  if (isAdmin(user)) {
    settings?.push(
      { key: '/admin/users', path: '/admin/users', title: 'users' },
      { key: '/admin/roles', path: '/admin/roles', title: 'roles' },
      { key: '/admin/audit', path: '/admin/audit', title: 'audit' },
      { key: '/admin/queues', path: '/admin/queues', title: 'queues' },
      { key: '/admin/plugins', path: '/admin/plugins', title: 'pluginsNav' },
      { key: '/designer', path: '/designer', title: 'designer' },
    );
  }
  return groups;
}
