// Converts a data directory written by the snapshot + log store (snapshot-N.jsonl,
// wal-N.jsonl) into LMDB: every document and index spec in one write transaction,
// then read back and compared (count and checksum per collection) before the
// store is marked converted. The old files are then moved to DATA_DIR/pre-lmdb/
// and kept until the admin removes them. A run cut short (crash, kill) leaves no
// mark and is simply done again on the next start.
import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from './catalog';
import { createSummer, differences, type CollectionSum } from './checksum';
import { decodeDoc, putDoc, type StoreHandles } from './entries';
import { openLmdb, type LmdbHandles } from './env';
import { MAX } from './keys';
import { listDataDir } from './legacy/files';
import { loadDataDir, StoreDataError } from './legacy/load';

export const LEGACY_DIR = 'pre-lmdb';
const LEGACY_FILE = /^(snapshot-\d+\.jsonl(\.tmp)?|wal-\d+\.jsonl(\.damaged-\d+)?)$/;

export interface MigrationReport {
  state: 'done';
  from: 'snapshot+log';
  at: string;
  collections: Record<string, CollectionSum>;
  /** Where the old files were moved. */
  keptIn: string;
}

async function hasLegacyFiles(dir: string): Promise<boolean> {
  const listing = await listDataDir(dir);
  return listing.snapshots.length > 0 || listing.wals.length > 0;
}

export async function moveLegacyFiles(dir: string): Promise<string> {
  const target = path.join(dir, LEGACY_DIR);
  await mkdir(target, { recursive: true });
  for (const name of await readdir(dir)) {
    if (LEGACY_FILE.test(name)) await rename(path.join(dir, name), path.join(target, name));
  }
  return target;
}

function sumStored(db: LmdbHandles): Record<string, CollectionSum> {
  const summers = new Map<string, ReturnType<typeof createSummer>>();
  for (const { key, value } of db.docs.getRange({})) {
    const collection = String((key as string[])[0]);
    let summer = summers.get(collection);
    if (!summer) summers.set(collection, (summer = createSummer()));
    summer.add(decodeDoc(value));
  }
  return Object.fromEntries([...summers].map(([name, s]) => [name, s.sum()]));
}

/** Converts the old files in `dir` into its LMDB store. The caller holds the directory lock. */
export async function migrateLegacy(dir: string): Promise<MigrationReport> {
  const loaded = await loadDataDir(dir, { repair: false });
  const expected: Record<string, CollectionSum> = {};
  const handles = openLmdb(dir);
  try {
    const db: StoreHandles = { ...handles, catalog: new Map() };
    db.env.transactionSync(() => {
      for (const part of [db.docs, db.index, db.meta]) part.clearSync();
      // Until verified below: a start after a crash here converts again from the old files.
      db.meta.putSync(['migration'], { state: 'unverified' });
      for (const coll of loaded.state.values()) {
        const indexes = new Map([...coll.specs.values()].map((spec) => [spec.name, { spec, multikey: false }]));
        db.catalog.set(coll.name, indexes);
        const summer = createSummer();
        for (const doc of coll.docs.values()) {
          putDoc(db, coll.name, doc);
          summer.add(doc);
        }
        for (const meta of indexes.values()) db.meta.putSync(['index', coll.name, meta.spec.name], meta);
        if (coll.docs.size > 0) expected[coll.name] = summer.sum();
      }
    });
    const found = sumStored(db);
    const wrong = differences(expected, found);
    if (wrong.length > 0) {
      throw new StoreDataError(
        dir,
        `converting to LMDB gave different documents in ${wrong.join(', ')}; the old files are unchanged`,
      );
    }
    // Rebuild multikey marks the puts above made, then mark the store converted.
    loadCatalog(db);
    const keptIn = path.join(dir, LEGACY_DIR);
    const report: MigrationReport = {
      state: 'done',
      from: 'snapshot+log',
      at: new Date().toISOString(),
      collections: expected,
      keptIn,
    };
    await db.meta.put(['migration'], report);
    await moveLegacyFiles(dir);
    return report;
  } finally {
    await handles.env.close();
  }
}

/** At open: converts old files if there are any and the store was not converted yet. */
export async function migrateIfNeeded(dir: string): Promise<MigrationReport | null> {
  if (!(await hasLegacyFiles(dir))) return null;
  const handles = openLmdb(dir);
  let marked: unknown;
  let hasDocs: boolean;
  try {
    marked = handles.meta.get(['migration']);
    hasDocs = handles.docs.getKeysCount({ start: [''], end: [MAX], limit: 1 }) > 0;
  } finally {
    await handles.env.close();
  }
  if ((marked as { state?: string } | undefined)?.state === 'done') {
    await moveLegacyFiles(dir); // converted, but stopped before the old files were moved
    return null;
  }
  if (hasDocs && !marked) {
    throw new StoreDataError(
      dir,
      'it holds both an LMDB store and files of the earlier format; move one of them elsewhere',
    );
  }
  const report = await migrateLegacy(dir);
  process.emitWarning(`store: converted ${dir} to LMDB; the earlier files are kept in ${report.keptIn}`);
  return report;
}
