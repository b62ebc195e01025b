// Stored shapes of the inventory service. All quantities here are milli-units
// (see quantity.ts); the public views in views.ts convert them to units.
import type { Outbound } from '../queue/index';
import type { Store, StoredDoc } from '../store/index';
import type { LineCost } from './valuation';

export const LEVELS = 'stock_levels';
export const MOVES = 'stock_moves';
export const OPERATIONS = 'stock_operations';
export const TRANSFERS = 'stock_transfers';

/** The business document a move belongs to. */
export interface DocumentRef {
  type: string;
  id: string;
  number?: string;
}

export const BUCKETS = ['onHand', 'reserved', 'incoming'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Stored quantities of one level; `available` = onHand − reserved, kept by every update so guards are plain filters. */
export interface Quantities {
  onHand: number;
  reserved: number;
  incoming: number;
  available: number;
}

export type Delta = Partial<Record<Bucket, number>>;

/** One stock level: product × warehouse × batch ('' = no batch). `_id` is levelId(...). */
export interface LevelDoc extends StoredDoc, Quantities {
  product: string;
  warehouse: string;
  batch: string;
  expiry: string | null;
  /** Counts the updates applied; orders this level's moves in the ledger. */
  seq: number;
  /** On the batch-less row: some batch row exists for this product × warehouse. */
  hasBatches?: boolean;
  /** Moves applied to this level whose move record may not be written yet (see apply-piece.ts). */
  inflight?: Record<string, true>;
  updatedAt: Date;
}

export type MoveKind =
  'reserve' | 'release' | 'issue' | 'receive' | 'incoming' | 'adjust' | 'transfer_out' | 'transfer_in' | 'compensate';

/** A filter condition a level must meet for a piece to apply (e.g. available ≥ 3000). */
export interface Guard {
  field: keyof Quantities;
  op: 'gte' | 'eq';
  value: number;
}

/** One planned change of one level, recorded in its operation before it is applied. */
export interface Piece {
  /** Move id, derived from the operation key, attempt and index: also the level's in-flight marker. */
  id: string;
  n: number;
  line: number;
  kind: MoveKind;
  level: string;
  product: string;
  warehouse: string;
  batch: string;
  expiry: string | null;
  delta: Delta;
  guards: Guard[];
  /** The purchase order whose incoming this piece adds or removes. */
  incomingRef?: string;
  /** For compensations: the id of the move undone. */
  undoes?: string;
  /** Planner-specific memo (e.g. a stocktake line's variance once fixed). */
  memo?: Record<string, number>;
  /** Set when the guard refused it; a refused piece is never applied later. */
  refused?: true;
}

/** The append-only ledger record of an applied piece. */
export interface MoveDoc extends StoredDoc {
  key: string;
  op: string;
  line: number;
  kind: MoveKind;
  level: string;
  product: string;
  warehouse: string;
  batch: string;
  expiry: string | null;
  delta: Quantities;
  /** The level right before and right after this move (see apply-piece.ts for recovered moves). */
  before: Quantities;
  after: Quantities;
  seq: number;
  ref: DocumentRef;
  incomingRef?: string;
  undoes?: string;
  recovered?: true;
  by?: string;
  at: Date;
  /** Valuation (valuation.ts): the rate applied, and the value in yuan and in integer cents. */
  unitCost?: number;
  value?: number;
  valueCents?: number;
}

export type OperationKind =
  | 'reserve'
  | 'release'
  | 'issue'
  | 'receive'
  | 'add_incoming'
  | 'remove_incoming'
  | 'adjust'
  | 'transfer_out'
  | 'transfer_in';

/** One input line of an operation, in milli-units; cost fields in yuan (valuation.ts). */
export interface LineInput extends LineCost {
  product: string;
  /** Absent on release/remove_incoming: everything outstanding for the document. */
  qty?: number;
  batch?: string;
  expiry?: string;
  /** Stocktake: the counted quantity. */
  counted?: number;
}

/** Everything needed to run (or resume) an operation, stored with it. */
export interface OperationSpec {
  kind: OperationKind;
  warehouse: string;
  allowNegative: boolean;
  lines: LineInput[];
  ref: DocumentRef;
  /** Receipts: the purchase order whose incoming they reduce; add/remove_incoming: the order itself. */
  incomingRef?: string;
  /** Issues: take reserved stock of `ref` first. */
  fromReserved?: boolean;
  /** Issues: only what `ref` reserved, never free stock (a shipment may not take what others wait for). */
  reservedOnly?: boolean;
  by?: string;
}

/**
 * `failed`: refused and compensated (nothing held). `undoing`/`undone`: a done
 * operation reversed because the change it belonged to did not commit
 * (undo-operation.ts). A failed or undone key runs again as a new attempt.
 */
export type OperationStatus = 'running' | 'compensating' | 'done' | 'failed' | 'undoing' | 'undone';

export interface Refusal {
  line: number;
  product: string;
  warehouse: string;
  requested: number;
  available: number;
}

export interface OperationDoc extends StoredDoc {
  key: string;
  spec: OperationSpec;
  status: OperationStatus;
  attempt: number;
  claim: string;
  claimedAt: Date;
  pieces: Piece[];
  refusal?: Refusal;
  createdAt: Date;
  doneAt?: Date;
  undoneAt?: Date;
}

/** Options every operation takes. */
export interface InventoryContext {
  store: Store;
  /** Injected clock for leases (tests); defaults to the system clock. */
  now?: () => Date;
  /** How long a claim on an operation holds before another process may take it over. */
  leaseMs?: number;
  /** The engine's channels: a finished operation tells `stockMoved` (the low-stock check). */
  outbound?: Outbound;
}
