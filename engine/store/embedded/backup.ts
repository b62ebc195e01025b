// Backup and restore of a data directory (the CLI in cli.ts calls these).
// Backup reads the files without the lock, so it works while the engine runs:
// it reads the newest snapshot and the logs after it, stops at an unfinished last
// line, and starts over if a compaction moved the files mid-read. Restore takes
// the lock (the engine must be stopped), validates the whole file while writing
// it as the next generation's snapshot, and only then makes it current.
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BackupFileError, BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, backupLines, openBackup } from './backup-format';
import { fsyncDir, listDataDir, removeOlderGenerations, walFile, writeAll } from './files';
import { type Loaded, loadDataDir } from './load';
import { AppError } from '../../errors';
import { acquireLock } from './lock';
import { writeSnapshot, type SnapshotEntry } from './snapshot';
import type { StoreState } from './state';

export interface BackupSummary {
  dataDir: string;
  file: string;
  collections: number;
  documents: number;
}

const ATTEMPTS = 20;

/** A problem with DATA_DIR the user can fix (wrong path, nothing there). */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/** True when every log but the last is still the size we read: nothing was appended behind our back. */
async function logsSettled(dir: string, loaded: Loaded): Promise<boolean> {
  for (const wal of loaded.wals.slice(0, -1)) {
    if ((await stat(walFile(dir, wal.gen))).size !== wal.bytes) return false;
  }
  return true;
}

async function readLive(dir: string): Promise<StoreState> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const loaded = await loadDataDir(dir, { repair: false });
      if (await logsSettled(dir, loaded)) return loaded.state;
    } catch (err) {
      // A compaction removed a file we were about to read: read the new generation.
      if (errno(err) !== 'ENOENT') throw err;
    }
  }
  throw new DataDirError(`the files in ${dir} kept changing during ${ATTEMPTS} attempts to read them; try again`);
}

async function assertStoreDir(dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new DataDirError(`DATA_DIR ${dir} is not a directory`);
  } catch (err) {
    if (errno(err) === 'ENOENT') throw new DataDirError(`DATA_DIR ${dir} does not exist`);
    throw err;
  }
  const listing = await listDataDir(dir);
  if (listing.snapshots.length === 0 && listing.wals.length === 0) throw new DataDirError(`DATA_DIR ${dir} holds no store data`);
}

export async function backupDataDir(options: { dataDir: string; file: string }): Promise<BackupSummary> {
  const dataDir = path.resolve(options.dataDir);
  const file = path.resolve(options.file);
  await assertStoreDir(dataDir);
  const state = await readLive(dataDir);
  const collections: BackupHeader['collections'] = {};
  const entries: SnapshotEntry[] = [];
  for (const coll of state.values()) {
    if (coll.docs.size === 0 && coll.specs.size === 0) continue;
    collections[coll.name] = { documents: coll.docs.size, indexes: [...coll.specs.values()] };
    for (const doc of coll.docs.values()) entries.push({ c: coll.name, doc });
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    source: 'embedded',
    collections,
  };
  // Written aside and renamed, so FILE is either the previous backup or a complete new one.
  const temp = `${file}.tmp-${process.pid}`;
  const handle = await open(temp, 'w');
  let written = false;
  try {
    let buffer = '';
    for (const line of backupLines(header, entries)) {
      buffer += line;
      if (buffer.length >= 1 << 20) {
        await writeAll(handle, buffer);
        buffer = '';
      }
    }
    await writeAll(handle, buffer);
    await handle.sync();
    written = true;
  } finally {
    await handle.close();
    if (!written) await unlink(temp);
  }
  await rename(temp, file);
  await fsyncDir(path.dirname(file));
  return { dataDir, file, collections: Object.keys(collections).length, documents: entries.length };
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
      const listing = await listDataDir(dataDir);
      const gen = Math.max(0, ...listing.snapshots, ...listing.wals) + 1;
      const collections = Object.fromEntries(
        Object.entries(reader.header.collections).map(([name, { indexes }]) => [name, { indexes }]),
      );
      const { documents } = await writeSnapshot({ dir: dataDir, gen, collections, entries: reader.entries() });
      // The new snapshot is now the highest generation, so it is what the store
      // opens; what follows only tidies the old files away.
      await removeOlderGenerations(dataDir, gen);
      return { dataDir, file, collections: Object.keys(collections).length, documents };
    } finally {
      await lock.release();
    }
  } finally {
    await reader.close();
  }
}
