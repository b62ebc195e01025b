// Which report kinds exist: the registered ones (built-ins, plugin reports) and
// the saved reports admins defined, looked up by key.
import type { Store } from '../store/index';
import { listSavedReports } from './saved';
import type { ReportKind } from './types';

export interface ReportCatalog {
  list(store: Store): Promise<ReportKind[]>;
  find(store: Store, key: string): Promise<ReportKind | null>;
}

/** `registered` is read at each call, so kinds a plugin registers later are found. */
export function createReportCatalog(registered: () => ReportKind[]): ReportCatalog {
  return {
    async list(store) {
      return [...registered(), ...(await listSavedReports(store))];
    },
    async find(store, key) {
      return (
        registered().find((k) => k.key === key) ?? (await listSavedReports(store)).find((k) => k.key === key) ?? null
      );
    },
  };
}

/** Admins run everything; others a kind that names one of their roles. */
export const mayRun = (kind: ReportKind, roles: string[]): boolean =>
  roles.includes('admin') || kind.roles.some((r) => roles.includes(r));
