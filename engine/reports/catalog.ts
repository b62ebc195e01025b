// Which report kinds exist: the registered ones (built-ins, plugin reports) and
// the saved reports admins defined, looked up by key.
import type { Store } from '../store/types';
import { listSavedReports } from './saved';
import type { ReportKind } from './types';

export interface ReportCatalog {
  list(store: Store): Promise<ReportKind[]>;
  find(store: Store, key: string): Promise<ReportKind | null>;
}

export function createReportCatalog(registered: ReportKind[]): ReportCatalog {
  const byKey = new Map(registered.map((k) => [k.key, k]));
  return {
    async list(store) {
      return [...registered, ...(await listSavedReports(store))];
    },
    async find(store, key) {
      return byKey.get(key) ?? (await listSavedReports(store)).find((k) => k.key === key) ?? null;
    },
  };
}

/** Admins run everything; others a kind that names one of their roles. */
export const mayRun = (kind: ReportKind, roles: string[]): boolean => roles.includes('admin') || kind.roles.some((r) => roles.includes(r));
