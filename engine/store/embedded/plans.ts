// The plans the embedded store chose for its recent queries, so tests (and a
// curious admin) can see which queries an index served and which scanned.
import type { Store } from '../types';
import type { Explain } from './execute';

const KEEP = 1000;

export interface QueryPlans {
  /** The most recent plans, oldest first. */
  recent(): Explain[];
  clear(): void;
}

export interface PlanLog extends QueryPlans {
  record(explain: Explain): void;
}

export function createPlanLog(): PlanLog {
  let entries: Explain[] = [];
  return {
    record(explain) {
      entries.push(explain);
      if (entries.length > KEEP * 2) entries = entries.slice(-KEEP);
    },
    recent: () => entries.slice(-KEEP),
    clear() {
      entries = [];
    },
  };
}

const logs = new WeakMap<Store, QueryPlans>();

export const registerPlans = (store: Store, plans: QueryPlans): void => {
  logs.set(store, plans);
};

/** The query plans of an embedded store; undefined for any other store. */
export const queryPlans = (store: Store): QueryPlans | undefined => logs.get(store);
