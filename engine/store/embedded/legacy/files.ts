// Layout of a data directory of the earlier snapshot + log store (read only to
// convert it): generation N is `snapshot-N.jsonl` (the state when N began; absent
// for generation 0) plus `wal-N.jsonl` (writes since); the highest complete
// snapshot wins.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const snapshotFile = (dir: string, gen: number): string => path.join(dir, `snapshot-${gen}.jsonl`);
export const walFile = (dir: string, gen: number): string => path.join(dir, `wal-${gen}.jsonl`);

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
