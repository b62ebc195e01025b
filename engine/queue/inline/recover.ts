// Jobs whose runner is gone go back to waiting. Two cases: a store only this
// process can open (embedded: its lock file) holds no live claim of another
// process at start, so those are requeued at once; on a shared store (MongoDB
// without REDIS_URL) a claim is trusted until its lease runs out, as BullMQ does
// with stalled jobs.
import { newId, type Collection, type Update } from '../../store/index';
import type { JobDoc } from './job-doc';

/** Every inline queue of this process claims under this owner. */
export const processOwner = newId();

const release = (at: number): Update => ({
  $set: { state: 'waiting', runAt: at, updatedAt: at },
  $unset: { lockToken: '', lockedBy: '', lockedUntil: '' },
});

/** For stores no other process can open: any other owner's active job was cut short by a crash or kill. */
export function requeueOrphans(jobs: Collection<JobDoc>, at: number): Promise<number> {
  return jobs.updateMany({ state: 'active', lockedBy: { $ne: processOwner } }, release(at));
}

/** For shared stores: claims whose lease ran out (their process stopped renewing them). */
export function requeueExpired(jobs: Collection<JobDoc>, at: number): Promise<number> {
  return jobs.updateMany({ state: 'active', lockedUntil: { $lt: at } }, release(at));
}
