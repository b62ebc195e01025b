// Backup and restore of a data directory (the CLI in cli.ts calls these).
// Backup reads the LMDB store without the lock, so it works while the engine
// runs: one LMDB read transaction gives a consistent snapshot for the whole file.
// Restore takes the lock (the engine must be stopped) and replaces everything in
// one write transaction that also validates the file as it reads it: a damaged
// or cut backup aborts the transaction and nothing changes.
import { access, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';
import type { IndexSpec } from '../types';
import {
  BackupFileError,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupEntry,
  type BackupHeader,
  backupLines,
  openBackup,
} from './backup-format';
import { decodeDoc, putDoc, type StoreHandles } from './entries';
import { LMDB_DIR, openLmdb, type IndexMeta, type LmdbHandles } from './env';
import { MAX } from './keys';
import { listDataDir } from './legacy/files';
import { acquireLock } from './lock';
import { moveLegacyFiles } from './migrate';

export interface BackupSummary {
  dataDir: string;
  file: string;
  collections: number;
  documents: number;
}

/** A problem with DATA_DIR the user can fix (wrong path, nothing there). */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export async function assertStoreDir(dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new DataDirError(`DATA_DIR ${dir} is not a directory`);
  } catch (err) {
    if (errno(err) === 'ENOENT') throw new DataDirError(`DATA_DIR ${dir} does not exist`);
    throw err;
  }
  if (await exists(path.join(dir, LMDB_DIR))) return;
  const listing = await listDataDir(dir);
  if (listing.snapshots.length > 0 || listing.wals.length > 0) {
    throw new DataDirError(
      `DATA_DIR ${dir} is in the earlier format; convert it first (npm run store -- migrate, or start the engine once)`,
    );
  }
  throw new DataDirError(`DATA_DIR ${dir} holds no store data`);
}

/** Collection names in the store, in key order (one key lookup per collection). */
export function collectionNames(db: LmdbHandles, txn?: ReturnType<LmdbHandles['env']['useReadTransaction']>): string[] {
  const names = new Set<string>();
  let start: (string | number)[] = [];
  for (;;) {
    const [key] = db.docs.getKeys({ start, limit: 1, ...(txn ? { transaction: txn } : {}) });
    if (key === undefined) break;
    const name = String((key as string[])[0]);
    names.add(name);
    start = [name, MAX];
  }
  for (const { key } of db.meta.getRange({
    start: ['index'],
    end: ['index', MAX],
    ...(txn ? { transaction: txn } : {}),
  })) {
    names.add(String((key as string[])[1]));
  }
  return [...names].sort();
}

export function specsOf(db: LmdbHandles, collection: string): IndexSpec[] {
  return [...db.meta.getRange({ start: ['index', collection], end: ['index', collection, MAX] })].map(
    ({ value }) => (value as IndexMeta).spec,
  );
}

export async function backupDataDir(options: { dataDir: string; file: string }): Promise<BackupSummary> {
  const dataDir = path.resolve(options.dataDir);
  const file = path.resolve(options.file);
  await assertStoreDir(dataDir);
  const db = openLmdb(dataDir);
  const txn = db.env.useReadTransaction();
  const temp = `${file}.tmp-${process.pid}`;
  let documents = 0;
  let names: string[];
  try {
    names = collectionNames(db, txn);
    const collections: BackupHeader['collections'] = {};
    for (const name of names) {
      const count = db.docs.getKeysCount({ start: [name], end: [name, MAX], transaction: txn });
      collections[name] = { documents: count, indexes: specsOf(db, name) };
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      source: 'embedded',
      collections,
    };
    function* entries(): Generator<BackupEntry> {
      for (const name of names) {
        for (const { value } of db.docs.getRange({ start: [name], end: [name, MAX], transaction: txn })) {
          documents += 1;
          yield { c: name, doc: decodeDoc(value) };
        }
      }
    }
    // Written aside and renamed, so FILE is either the previous backup or a complete new one.
    const handle = await open(temp, 'w');
    let written = false;
    try {
      let buffer = '';
      for (const line of backupLines(header, entries())) {
        buffer += line;
        if (buffer.length >= 1 << 20) {
          await handle.write(buffer);
          buffer = '';
        }
      }
      await handle.write(buffer);
      await handle.sync();
      written = true;
    } finally {
      await handle.close();
      if (!written) await unlink(temp);
    }
  } finally {
    txn.done();
    await db.env.close();
  }
  await rename(temp, file);
  return { dataDir, file, collections: names.length, documents };
}

/** Moves files of the earlier format aside: a restore replaces whatever the directory held. */
async function setLegacyAside(dir: string): Promise<void> {
  const listing = await listDataDir(dir);
  if (listing.snapshots.length === 0 && listing.wals.length === 0) return;
  await moveLegacyFiles(dir);
}

export async function restoreDataDir(options: { dataDir: string; file: string }): Promise<BackupSummary> {
  const dataDir = path.resolve(options.dataDir);
  const file = path.resolve(options.file);
  let reader;
  try {
    reader = await openBackup(file);
  } catch (err) {
    if (errno(err) === 'ENOENT') throw new BackupFileError(file, 'no such file');
    throw err;
  }
  try {
    await mkdir(dataDir, { recursive: true });
    const lock = await acquireLock(dataDir).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'STORE_LOCKED') {
        throw new AppError('STORE_LOCKED', `stop the engine before restoring: ${err.message}`);
      }
      throw err;
    });
    try {
      await setLegacyAside(dataDir);
      const handles = openLmdb(dataDir);
      const db: StoreHandles = { ...handles, catalog: new Map() };
      const header = reader.header;
      const entries = reader.entries();
      let documents = 0;
      try {
        // One transaction: a bad line anywhere rejects the callback, which aborts it.
        await db.env.transactionSync(async () => {
          for (const part of [db.docs, db.index, db.meta]) part.clearSync();
          for (const [name, { indexes }] of Object.entries(header.collections)) {
            const metas = new Map(indexes.map((spec) => [spec.name, { spec, multikey: false }]));
            db.catalog.set(name, metas);
          }
          for await (const { c, doc } of entries) {
            putDoc(db, c, doc);
            documents += 1;
          }
          for (const [name, metas] of db.catalog) {
            for (const meta of metas.values()) db.meta.putSync(['index', name, meta.spec.name], meta);
          }
        });
      } finally {
        await handles.env.close();
      }
      return { dataDir, file, collections: Object.keys(header.collections).length, documents };
    } finally {
      await lock.release();
    }
  } finally {
    await reader.close();
  }
}

/** Documents per collection in a data directory, read in one read transaction (a restored backup's check). */
export async function countDataDir(dir: string): Promise<Record<string, number>> {
  const dataDir = path.resolve(dir);
  await assertStoreDir(dataDir);
  const db = openLmdb(dataDir);
  const txn = db.env.useReadTransaction();
  try {
    return Object.fromEntries(
      collectionNames(db, txn).map((name) => [
        name,
        db.docs.getKeysCount({ start: [name], end: [name, MAX], transaction: txn }),
      ]),
    );
  } finally {
    txn.done();
    await db.env.close();
  }
}
