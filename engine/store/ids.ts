import { ObjectId } from 'mongodb';

/**
 * New document ids: 24-hex ObjectId strings on every adapter, so ids look the same
 * whichever store holds them and sort roughly by creation time.
 */
export const newId = (): string => new ObjectId().toHexString();
