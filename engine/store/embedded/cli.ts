// Backup and restore of the embedded store's DATA_DIR:
//   npm run backup -- FILE    works while the engine runs
//   npm run restore -- FILE   only while the engine is stopped
// Prints one line and exits 0 on success, 1 on failure.
import { loadConfig } from '../../config';
import { AppError, ConfigError } from '../../errors';
import { BackupFileError } from './backup-format';
import { backupDataDir, DataDirError, restoreDataDir, type BackupSummary } from './backup';
import { StoreDataError } from './legacy/load';

const USAGE = 'usage: npm run backup -- FILE | npm run restore -- FILE (DATA_DIR selects the store, default ./data)';

/** Errors a user can act on get their message only; anything else is a bug and keeps its stack. */
function isUserError(err: unknown): boolean {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof BackupFileError) return true;
  if (err instanceof StoreDataError || err instanceof DataDirError) return true;
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

async function run(command: string | undefined, file: string | undefined): Promise<string> {
  if ((command !== 'backup' && command !== 'restore') || !file) throw new ConfigError('arguments', USAGE);
  const { dataDir } = loadConfig();
  const describe = (s: BackupSummary): string => `${s.documents} documents in ${s.collections} collections`;
  if (command === 'backup') {
    const summary = await backupDataDir({ dataDir, file });
    return `backup written to ${summary.file}: ${describe(summary)} from ${summary.dataDir}`;
  }
  const summary = await restoreDataDir({ dataDir, file });
  return `restored ${summary.dataDir} from ${summary.file}: ${describe(summary)}`;
}

const [command, file] = process.argv.slice(2);
try {
  console.log(await run(command, file));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${command ?? 'store'} failed: ${message}`);
  if (!isUserError(err) && err instanceof Error && err.stack) console.error(err.stack);
  process.exitCode = 1;
}
