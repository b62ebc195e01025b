// New document ids are ObjectIds from `bson` (the MongoDB driver's own
// ObjectId, without loading the driver: the driver's import alone cost the
// embedded engine about a second of start-up, bson is a small fraction of it).
// bson keeps the process-unique bytes and the counter inside its module, as the
// driver does; nothing of ours is module state.
import { ObjectId } from 'bson';

/**
 * New document ids: 24-hex ObjectId strings on every adapter, so ids look the same
 * whichever store holds them and sort roughly by creation time.
 */
export const newId = (): string => new ObjectId().toHexString();
