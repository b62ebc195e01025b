// Layout of a data directory. Generation N is `snapshot-N.jsonl` (the state when
// N began; absent for generation 0) plus `wal-N.jsonl` (writes since). The highest
// complete snapshot wins; older generations are removed once a newer snapshot is
// safely on disk.
import { type FileHandle, open, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'store.lock';
export const snapshotFile = (dir: string, gen: number): string => path.join(dir, `snapshot-${gen}.jsonl`);
export const walFile = (dir: string, gen: number): string => path.join(dir, `wal-${gen}.jsonl`);
export const tempSnapshotFile = (dir: string, gen: number): string => `${snapshotFile(dir, gen)}.tmp`;

const SNAPSHOT = /^snapshot-(\d+)\.jsonl$/;
const WAL = /^wal-(\d+)\.jsonl$/;
const TEMP = /^snapshot-\d+\.jsonl\.tmp$/;

export interface DirListing {
  /** Snapshot generations, highest first. */
  snapshots: number[];
  /** Log generations, lowest first. */
  wals: number[];
  /** Unfinished snapshot files left by a crash. */
  temps: string[];
}

export async function listDataDir(dir: string): Promise<DirListing> {
  const names = await readdir(dir);
  const gens = (pattern: RegExp): number[] =>
    names.map((n) => pattern.exec(n)).flatMap((m) => (m ? [Number(m[1])] : []));
  return {
    snapshots: gens(SNAPSHOT).sort((a, b) => b - a),
    wals: gens(WAL).sort((a, b) => a - b),
    temps: names.filter((n) => TEMP.test(n)).map((n) => path.join(dir, n)),
  };
}

/** Makes a rename or a new file in `dir` durable. Windows cannot open directories; NTFS journals names itself. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Removes every generation older than `gen` and any unfinished snapshot (only the lock holder writes them). */
export async function removeOlderGenerations(dir: string, gen: number): Promise<void> {
  const listing = await listDataDir(dir);
  for (const g of listing.snapshots) if (g < gen) await removeIfPresent(snapshotFile(dir, g));
  for (const g of listing.wals) if (g < gen) await removeIfPresent(walFile(dir, g));
  for (const t of listing.temps) await removeIfPresent(t);
}

/** Writes all of `text` at the file's current position (a single write may be partial); returns the bytes written. */
export async function writeAll(handle: FileHandle, text: string | Buffer): Promise<number> {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
    offset += bytesWritten;
  }
  return data.length;
}
