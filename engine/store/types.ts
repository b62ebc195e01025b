// The store port. Both adapters (embedded, mongodb) implement exactly this and
// pass one contract suite (test/store/contract.ts). The engine uses nothing else:
// no multi-document transactions, no change streams, no $lookup — only
// single-document atomic updates, guarded by a filter, plus unique indexes.
// (`insertTogether`, an atomic insert of several documents, is an optional
// shortcut of the embedded store; every caller has a path without it.)

/** Documents to insert, each into its collection. */
export type StoreInserts = Array<{ collection: string; doc: StoredDoc }>;

/** Every stored document has a string `_id`; the API only ever shows strings. */
export interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

/** A MongoDB query-language filter. Callers build these in code, never from raw request input. */
export type Filter = Record<string, unknown>;

/** Supported update operators, applied atomically to one document. */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, '' | 1 | true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
  /** Inclusion projection only (`{field: 1}`); `_id` is always included. */
  projection?: Record<string, 1>;
}

export interface UpdateOptions {
  /** Insert when nothing matches (the filter's equality fields and $setOnInsert seed the new document). */
  upsert?: boolean;
}

export interface IndexSpec {
  /** Field paths, in order; 1 ascending, -1 descending. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Stable name; creating the same name twice is a no-op. */
  name: string;
}

export type PipelineStage = Record<string, unknown>;

export interface Collection<T extends StoredDoc = StoredDoc> {
  readonly name: string;
  /** Assigns a string `_id` when missing. Duplicate unique key → DuplicateKeyError. */
  insertOne(doc: Omit<T, '_id'> & { _id?: string }): Promise<T>;
  insertMany(docs: Array<Omit<T, '_id'> & { _id?: string }>): Promise<T[]>;
  findById(id: string): Promise<T | null>;
  findOne(filter: Filter, options?: Pick<FindOptions, 'sort' | 'projection'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  /** Streams results in batches; use for large scans (reports, backups). */
  cursor(filter: Filter, options?: FindOptions): AsyncIterable<T>;
  count(filter?: Filter): Promise<number>;
  /**
   * Compare-and-set on one document: applies `update` only if a document matches
   * `filter` (e.g. `{_id, version: 3}` or `{_id, available: {$gte: n}}`).
   * Returns the document after the update, or null when nothing matched.
   */
  findOneAndUpdate(filter: Filter, update: Update, options?: UpdateOptions): Promise<T | null>;
  /** Like findOneAndUpdate but returns only whether it matched. */
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<boolean>;
  updateMany(filter: Filter, update: Update): Promise<number>;
  deleteOne(filter: Filter): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
  createIndex(spec: IndexSpec): Promise<void>;
  /** $match, $group ($sum, $count, $avg, $min, $max), $sort, $project, $unwind, $limit, $skip. */
  aggregate<R = Record<string, unknown>>(pipeline: PipelineStage[]): Promise<R[]>;
}

export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  /**
   * True when guarded updates hold only inside one process (FerretDB): the
   * engine then takes the store lease (lease.ts) so a second engine refuses to start.
   */
  readonly singleWriter?: boolean;
  collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T>;
  /**
   * `load`'s answer, kept until `collection` is next written through this store
   * (under `key`; a load in flight is shared). Only a store no other process
   * writes has it (embedded: one process per directory, lock.ts), so no write is
   * ever unseen; on a shared store (MongoDB) callers read every time.
   */
  readThrough?<T>(collection: string, key: string, load: () => Promise<T>): Promise<T>;
  /**
   * Inserts documents into several collections in one atomic write: all of them
   * or, on a DuplicateKeyError or any other failure, none. Only a store with
   * multi-document transactions of its own has it (embedded: one LMDB write
   * transaction); without it callers keep their crash-safe sequence of
   * single-document writes (documents/events.ts).
   */
  insertTogether?(docs: StoreInserts): Promise<StoredDoc[]>;
  /**
   * The first document of `change.collection` matching `change.filter` updated
   * (or, with `upsert`, created), and `docs` inserted, and the first match of each
   * of `deletes` (if any) deleted, in one atomic write; null, with nothing
   * written, when nothing matches `change.filter`. `docs` may be built from the
   * updated document (a counter's new value in the number of the document it
   * numbers). A DuplicateKeyError (or any other failure) writes none of it.
   * Stores as for insertTogether.
   */
  updateAndInsert?(
    change: { collection: string; filter: Filter; update: Update; upsert?: boolean },
    docs: StoreInserts | ((updated: StoredDoc) => StoreInserts),
    deletes?: Array<{ collection: string; filter: Filter }>,
  ): Promise<StoredDoc | null>;
  /** Checks the store answers (used by /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
