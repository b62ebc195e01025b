// Document ids are ObjectIds (24 hex digits, creation second first) on every
// store, made by `bson` without the MongoDB driver.
import { ObjectId } from 'bson';
import { expect, it } from 'vitest';
import { newId } from '../../engine/store/index';

it('makes distinct 24-hex ObjectIds that start with the creation second', () => {
  const before = Math.floor(Date.now() / 1000);
  const ids = Array.from({ length: 2000 }, () => newId());
  const after = Math.floor(Date.now() / 1000);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(ObjectId.isValid(id)).toBe(true);
    const seconds = new ObjectId(id).getTimestamp().getTime() / 1000;
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(after);
  }
});
