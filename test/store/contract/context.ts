// Shared by the store contract's sections (see ../contract.ts).
import type { Collection, StoredDoc } from '../../../engine/store/types';

export interface Item extends StoredDoc {
  sku?: string;
  qty?: number;
  version?: number;
  available?: number;
  data?: { total?: number; note?: string };
  tags?: string[];
  [field: string]: unknown;
}

export interface ContractContext {
  /** A collection no other test uses, so the suite can share a database. */
  fresh(): Collection<Item>;
}
