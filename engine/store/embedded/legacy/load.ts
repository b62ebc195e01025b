// Reads a data directory of the earlier snapshot + log store into memory, as that
// store did at open, so it can be converted (migrate.ts): the highest intact snapshot, then every log
// generation from there on, in order. A torn last line (a write cut short by a
// crash, never acknowledged) ends a log; the open store truncates it away, the
// backup reader just stops there.
import { copyFile, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { listDataDir, walFile } from './files';
import { parseLine, readRawLines } from './lines';
import { decodeRecord } from './records';
import { DamagedFileError, readSnapshot } from './snapshot';
import { replay, type StoreState } from './state';

export interface WalInfo {
  gen: number;
  /** Bytes of intact lines, where the next write goes. */
  bytes: number;
}

export interface Loaded {
  state: StoreState;
  /** Size of the snapshot used (0 without one). */
  snapshotBytes: number;
  /** Generation of the snapshot used (0 and no snapshot for a store never compacted). */
  baseGen: number;
  /** The logs replayed, lowest generation first. */
  wals: WalInfo[];
}

export class StoreDataError extends Error {
  constructor(dir: string, detail: string) {
    super(`store data in ${dir} cannot be read: ${detail}; restore it from a backup (npm run restore -- FILE)`);
    this.name = 'StoreDataError';
  }
}

async function loadSnapshot(
  dir: string,
  gens: number[],
): Promise<{ state: StoreState; baseGen: number; snapshotBytes: number }> {
  const damaged: string[] = [];
  for (const gen of gens) {
    const state: StoreState = new Map();
    let snapshotBytes: number;
    try {
      snapshotBytes = await readSnapshot(dir, gen, state);
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      damaged.push(err.message);
      continue;
    }
    if (damaged.length > 0) process.emitWarning(`store: skipped damaged snapshots: ${damaged.join('; ')}`);
    return { state, baseGen: gen, snapshotBytes };
  }
  if (damaged.length > 0) throw new StoreDataError(dir, damaged.join('; '));
  return { state: new Map(), baseGen: 0, snapshotBytes: 0 };
}

/**
 * Replays one log into `state`. Stops at the first torn or damaged line and
 * returns where the intact part ends; with `repair`, cuts the file there.
 */
async function replayWal(dir: string, gen: number, state: StoreState, repair: boolean): Promise<WalInfo> {
  const file = walFile(dir, gen);
  const handle = await open(file, repair ? 'r+' : 'r');
  try {
    let bytes = 0;
    let damagedAt: number | null = null;
    let intactAfterDamage = 0;
    for await (const raw of readRawLines(handle)) {
      const line = raw.complete ? parseLine(raw.text) : undefined;
      const record = line === undefined ? undefined : decodeRecord(line);
      if (damagedAt === null && record) {
        replay(state, record);
        bytes = raw.end;
      } else if (damagedAt === null) {
        damagedAt = raw.start;
      } else if (record) {
        intactAfterDamage += 1;
      }
      if (damagedAt !== null && !repair) break;
    }
    if (damagedAt !== null && repair) await cutTail({ file, handle, at: damagedAt, intactAfterDamage });
    return { gen, bytes };
  } finally {
    await handle.close();
  }
}

async function cutTail(options: {
  file: string;
  handle: FileHandle;
  at: number;
  intactAfterDamage: number;
}): Promise<void> {
  const { file, handle, at, intactAfterDamage } = options;
  const size = (await handle.stat()).size;
  if (intactAfterDamage > 0) {
    // Intact lines after a damaged one are not a torn write but damage on disk:
    // keep a copy of everything cut so nothing is lost for good.
    const copy = `${file}.damaged-${Date.now()}`;
    await copyFile(file, copy);
    process.emitWarning(
      `store: ${path.basename(file)} is damaged at byte ${at}; ${intactAfterDamage} later records could not be applied (copy kept in ${copy})`,
    );
  } else {
    process.emitWarning(
      `store: discarded ${size - at} bytes of an unfinished write at the end of ${path.basename(file)}`,
    );
  }
  await handle.truncate(at);
  await handle.datasync();
}

export async function loadDataDir(dir: string, options: { repair: boolean }): Promise<Loaded> {
  const listing = await listDataDir(dir);
  const { state, baseGen, snapshotBytes } = await loadSnapshot(dir, listing.snapshots);
  const gens = listing.wals.filter((g) => g >= baseGen);
  gens.forEach((gen, i) => {
    if (gen !== baseGen + i) throw new StoreDataError(dir, `log generation ${baseGen + i} is missing`);
  });
  const wals: WalInfo[] = [];
  for (const gen of gens) wals.push(await replayWal(dir, gen, state, options.repair));
  return { state, baseGen, snapshotBytes, wals };
}
