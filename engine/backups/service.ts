// Scheduled backups of the embedded store (issue 18, part 4). One run writes a
// backup of DATA_DIR into BACKUP_DIR (one LMDB read transaction: consistent
// while the engine writes), checks it by restoring it into a scratch directory
// and counting the documents of each collection against what the source held
// when it was read (the backup's header, counted in the same transaction), then
// removes the oldest beyond BACKUP_KEEP. Each run is recorded in the store, so
// the admin's view (routes.ts) shows the last one whichever process ran it.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  backupCounts,
  backupEmbedded,
  countEmbedded,
  restoreEmbedded,
  type Store,
  type StoredDoc,
} from '../store/index';

export const BACKUPS = 'store_backups';
export const BACKUP_JOB = 'store-backup';
const FILE = /^backup-\d{8}T\d{9}Z-[0-9a-f]{4}\.jsonl$/;

export interface BackupCheck {
  status: 'passed' | 'failed';
  /** Documents in the backup's source when it was read, and in the scratch restore. */
  expected: number;
  restored: number;
  /** Collections whose counts differ (empty when passed). */
  mismatches: Array<{ collection: string; expected: number; restored: number }>;
  error?: string;
}

export interface BackupRecord extends StoredDoc {
  file: string | null;
  startedAt: Date;
  finishedAt: Date;
  status: 'passed' | 'failed';
  size: number;
  documents: number;
  collections: number;
  check: BackupCheck | null;
  /** Backups removed after this one (beyond BACKUP_KEEP). */
  pruned: string[];
  error?: string;
}

export interface BackupDeps {
  store: Store;
  dataDir: string;
  backupDir: string;
  keep: number;
  now: () => Date;
}

const records = (store: Store) => store.collection<BackupRecord>(BACKUPS);

const stamp = (at: Date): string => at.toISOString().replace(/[-:.]/g, '');

/** Restores the file into a scratch directory and compares each collection's count with the header's. */
async function check(file: string, scratchRoot: string): Promise<BackupCheck> {
  const scratch = await mkdtemp(path.join(scratchRoot, '.check-'));
  try {
    const expected = await backupCounts(file);
    await restoreEmbedded(scratch, file);
    const restored = await countEmbedded(scratch);
    const names = [...new Set([...Object.keys(expected), ...Object.keys(restored)])].sort();
    const mismatches = names
      .map((collection) => ({
        collection,
        expected: expected[collection] ?? 0,
        restored: restored[collection] ?? 0,
      }))
      .filter((m) => m.expected !== m.restored);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      status: mismatches.length === 0 ? 'passed' : 'failed',
      expected: sum(expected),
      restored: sum(restored),
      mismatches,
    };
  } catch (err) {
    return { status: 'failed', expected: 0, restored: 0, mismatches: [], error: (err as Error).message };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Removes the oldest backups beyond `keep` (names sort by time); returns the names removed. */
async function prune(dir: string, keep: number): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => FILE.test(name)).sort();
  const old = files.slice(0, Math.max(0, files.length - keep));
  for (const name of old) await unlink(path.join(dir, name));
  return old;
}

/** One scheduled (or admin-started) backup: write, check, prune, record. Throws when it failed, so the job does. */
export async function runBackup(deps: BackupDeps): Promise<BackupRecord> {
  const startedAt = deps.now();
  const dir = path.resolve(deps.backupDir);
  const name = `backup-${stamp(startedAt)}-${randomBytes(2).toString('hex')}.jsonl`;
  let record: BackupRecord;
  try {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    const written = await backupEmbedded(path.resolve(deps.dataDir), file);
    const result = await check(file, dir);
    // A backup that failed its check is kept (it may still help) but never pushes a good one out.
    const pruned = result.status === 'passed' ? await prune(dir, deps.keep) : [];
    record = {
      _id: name,
      file,
      startedAt,
      finishedAt: deps.now(),
      status: result.status,
      size: (await stat(file)).size,
      documents: written.documents,
      collections: written.collections,
      check: result,
      pruned,
    };
  } catch (err) {
    record = {
      _id: name,
      file: null,
      startedAt,
      finishedAt: deps.now(),
      status: 'failed',
      size: 0,
      documents: 0,
      collections: 0,
      check: null,
      pruned: [],
      error: (err as Error).message,
    };
  }
  await records(deps.store).insertOne(record);
  if (record.status === 'failed')
    throw new Error(`backup ${name} failed: ${record.error ?? record.check?.error ?? 'the check found differences'}`);
  return record;
}

/** The newest runs first. */
export async function recentBackups(store: Store, limit = 10): Promise<BackupRecord[]> {
  return records(store).find({}, { sort: { startedAt: -1 }, limit });
}
