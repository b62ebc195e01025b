// One process per data directory. The lock file names its owner; it is created
// atomically (written aside, then hard-linked into place, which fails if the
// name exists) so it is never seen half-written. A lock left by a process that
// is gone — killed, or from before a reboot — is taken over.
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../errors';
export const LOCK_FILE = 'store.lock';

interface LockOwner {
  pid: number;
  /** For people reading the file; not compared (see isAlive). */
  hostname?: string;
  /** Linux boot id: a lock from an earlier boot is always stale. */
  bootId?: string;
  /** Linux process start time (clock ticks since boot), to tell a reused pid apart. */
  startTime?: string;
}

export interface DirLock {
  release(): Promise<void>;
}

function readProc(file: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // no such process (or no /proc): nothing to compare
  }
}

const bootId = (): string | undefined => readProc('/proc/sys/kernel/random/boot_id')?.trim();

/** Field 22 of /proc/PID/stat; fields are counted after the `(comm)` field, which may contain spaces. */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function describeSelf(): LockOwner {
  return { pid: process.pid, hostname: os.hostname(), bootId: bootId(), startTime: startTimeOf(process.pid) };
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return Number.isInteger(value.pid) && (value.pid as number) > 0 ? (value as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Directories this process holds, to tell "open twice here" from a stale lock with our (reused) pid. */
const heldHere = new Set<string>();

function isAlive(owner: LockOwner): boolean {
  // Our own pid in a lock we do not hold is a previous process that had the same
  // pid (typical for pid 1 in a restarted container).
  if (owner.pid === process.pid) return false;
  // The hostname is not compared: a container gets a new one on every restart.
  const currentBoot = bootId();
  if (owner.bootId && currentBoot && owner.bootId !== currentBoot) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = startTimeOf(owner.pid);
  return !(owner.startTime && started && owner.startTime !== started);
}

async function readOwner(lockPath: string): Promise<LockOwner | null | 'gone'> {
  try {
    return parseOwner(await readFile(lockPath, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export function lockedError(dataDir: string, pid: number): AppError {
  return new AppError(
    'STORE_LOCKED',
    `DATA_DIR ${dataDir} is in use by another process (pid ${pid}); stop it or choose another DATA_DIR`,
  );
}

/** Takes the lock on `dataDir` (an absolute path) or throws AppError STORE_LOCKED. */
export async function acquireLock(dataDir: string): Promise<DirLock> {
  const lockPath = path.join(dataDir, LOCK_FILE);
  if (heldHere.has(dataDir)) {
    throw new AppError('STORE_LOCKED', `DATA_DIR ${dataDir} is already open in this process (pid ${process.pid})`);
  }
  // Reserved before the first await, so two opens in this process cannot race.
  heldHere.add(dataDir);
  const self = describeSelf();
  const aside = `${lockPath}.${process.pid}.${Date.now()}`;
  let taken = false;
  try {
    await writeFile(aside, JSON.stringify(self), { flush: true });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await link(aside, lockPath);
        taken = true;
        return { release: () => releaseLock(dataDir, self) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = await readOwner(lockPath);
      if (owner === 'gone') continue;
      if (owner && isAlive(owner)) throw lockedError(dataDir, owner.pid);
      await unlinkIfPresent(lockPath); // stale: its owner is gone
    }
    throw new AppError('STORE_LOCKED', `DATA_DIR ${dataDir}: could not take the lock, another process keeps taking it`);
  } finally {
    if (!taken) heldHere.delete(dataDir);
    await unlinkIfPresent(aside);
  }
}

async function releaseLock(dataDir: string, self: LockOwner): Promise<void> {
  const lockPath = path.join(dataDir, LOCK_FILE);
  try {
    const owner = await readOwner(lockPath);
    // Only remove our own lock; if it was taken over meanwhile, it is not ours to remove.
    if (owner !== 'gone' && owner?.pid === self.pid) await unlinkIfPresent(lockPath);
  } finally {
    heldHere.delete(dataDir);
  }
}
