import { randomBytes } from 'node:crypto';

// The ObjectId layout (4-byte seconds, 5 random bytes per process, 3-byte
// counter), written here rather than taken from the mongodb driver, whose import
// alone cost the embedded engine a quarter of a second of start-up. Per-process
// state is what makes the ids unique, as in the driver's own ObjectId.
const processUnique = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * New document ids: 24-hex ObjectId strings on every adapter, so ids look the same
 * whichever store holds them and sort roughly by creation time.
 */
export const newId = (): string => {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(Date.now() / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + processUnique + counter.toString(16).padStart(6, '0');
};
