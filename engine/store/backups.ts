// Backup, restore and counting of the embedded store's data directory, for the
// scheduled backups (engine/backups) and the CLI (embedded/cli.ts). Loaded on
// first use: an engine on MongoDB never loads LMDB.
import type { BackupHeader } from './embedded/backup-format';

export interface BackupWritten {
  file: string;
  collections: number;
  documents: number;
}

export type BackupCollections = BackupHeader['collections'];

/** Writes a consistent backup of `dataDir` (the engine may be running) to `file`. */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupWritten> {
  const { backupDataDir } = await import('./embedded/backup');
  return backupDataDir({ dataDir, file });
}

/** Restores `file` into `dataDir` (no engine may hold it), validating the file as it reads it. */
export async function restoreEmbedded(dataDir: string, file: string): Promise<BackupWritten> {
  const { restoreDataDir } = await import('./embedded/backup');
  return restoreDataDir({ dataDir, file });
}

/** Documents per collection in a data directory. */
export async function countEmbedded(dataDir: string): Promise<Record<string, number>> {
  const { countDataDir } = await import('./embedded/backup');
  return countDataDir(dataDir);
}

/** The per-collection document counts a backup file's header records (counted from the source as it was read). */
export async function backupCounts(file: string): Promise<Record<string, number>> {
  const { openBackup } = await import('./embedded/backup-format');
  const reader = await openBackup(file);
  try {
    return Object.fromEntries(Object.entries(reader.header.collections).map(([name, c]) => [name, c.documents]));
  } finally {
    await reader.close();
  }
}
