// The store's admin commands (DATA_DIR selects the embedded store, default ./data):
//   npm run store -- backup FILE        works while the engine runs (also: npm run backup -- FILE)
//   npm run store -- restore FILE       only while the engine is stopped (also: npm run restore -- FILE)
//   npm run store -- migrate            converts a directory of the earlier snapshot + log format
//   npm run store -- copy --to URI      copies the embedded store into an empty MongoDB database
//   npm run store -- copy --from URI    copies a MongoDB database into an empty embedded store
// Prints one line and exits 0 on success, 1 on failure.
import path from 'node:path';
import { loadConfig, redact } from '../../config';
import { AppError, ConfigError } from '../../errors';
import { CopyError, copyFromMongo, copyToMongo } from '../copy';
import { BackupFileError } from './backup-format';
import { backupDataDir, DataDirError, restoreDataDir, type BackupSummary } from './backup';
import { StoreDataError } from './legacy/load';
import { acquireLock } from './lock';
import { migrateLegacy } from './migrate';
import { listDataDir } from './legacy/files';

const USAGE =
  'usage: npm run store -- backup FILE | restore FILE | migrate | copy --to mongodb://… | copy --from mongodb://… (DATA_DIR selects the store, default ./data)';

/** Errors a user can act on get their message only; anything else is a bug and keeps its stack. */
function isUserError(err: unknown): boolean {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof BackupFileError) return true;
  if (err instanceof StoreDataError || err instanceof DataDirError || err instanceof CopyError) return true;
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

async function migrate(dataDir: string): Promise<string> {
  const dir = path.resolve(dataDir);
  const listing = await listDataDir(dir).catch(() => ({ snapshots: [], wals: [] }));
  if (listing.snapshots.length === 0 && listing.wals.length === 0)
    return `nothing to convert in ${dir}: it holds no files of the earlier format`;
  const lock = await acquireLock(dir);
  try {
    const report = await migrateLegacy(dir);
    const sums = Object.values(report.collections);
    const documents = sums.reduce((n, s) => n + s.documents, 0);
    return `converted ${dir} to LMDB: ${documents} documents in ${sums.length} collections, counts and checksums verified; the earlier files are kept in ${report.keptIn}`;
  } finally {
    await lock.release();
  }
}

async function run(args: string[]): Promise<string> {
  const [command, ...rest] = args;
  const { dataDir } = loadConfig();
  const describe = (s: BackupSummary): string => `${s.documents} documents in ${s.collections} collections`;
  if (command === 'backup' && rest.length === 1) {
    const summary = await backupDataDir({ dataDir, file: rest[0] });
    return `backup written to ${summary.file}: ${describe(summary)} from ${summary.dataDir}`;
  }
  if (command === 'restore' && rest.length === 1) {
    const summary = await restoreDataDir({ dataDir, file: rest[0] });
    return `restored ${summary.dataDir} from ${summary.file}: ${describe(summary)}`;
  }
  if (command === 'migrate' && rest.length === 0) return migrate(dataDir);
  if (command === 'copy' && rest.length === 2 && (rest[0] === '--to' || rest[0] === '--from')) {
    const uri = rest[1];
    if (!/^mongodb(\+srv)?:\/\//.test(uri))
      throw new ConfigError('arguments', `${uri} is not a mongodb:// URI; ${USAGE}`);
    const dir = path.resolve(dataDir);
    if (rest[0] === '--to') {
      const s = await copyToMongo({ dataDir: dir, uri });
      return `copied ${s.documents} documents in ${s.collections} collections from ${dir} to ${redact(uri)}; counts and checksums verified`;
    }
    const s = await copyFromMongo({ dataDir: dir, uri });
    return `copied ${s.documents} documents in ${s.collections} collections from ${redact(uri)} to ${dir}; counts and checksums verified`;
  }
  throw new ConfigError('arguments', USAGE);
}

const args = process.argv.slice(2);
try {
  console.log(await run(args));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${args[0] ?? 'store'} failed: ${message}`);
  if (!isUserError(err) && err instanceof Error && err.stack) console.error(err.stack);
  process.exitCode = 1;
}
