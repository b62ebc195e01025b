// Opaque cursors for keyset pagination: the last row's sort value and `_id`, tied
// to the sort they were made for. Dates keep their type through the round trip.
import { fieldError } from '../messages/index';
import type { Filter } from '../store/index';
import { messageError } from '../messages/index';

interface CursorBody {
  s: string;
  v: unknown;
  d?: 1;
  id: string;
}

const invalidCursor = () =>
  messageError('INVALID_QUERY.cursor_invalid', undefined, {
    errors: [fieldError('/querystring/cursor', 'INVALID_QUERY.not_a_cursor')],
  });

export function encodeCursor(sortKey: string, value: unknown, id: string): string {
  const body: CursorBody =
    value instanceof Date ? { s: sortKey, v: value.toISOString(), d: 1, id } : { s: sortKey, v: value ?? null, id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: string): { value: unknown; id: string } {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    // Anything that is not our base64url JSON is a client error, reported below.
    throw invalidCursor();
  }
  if (!body || typeof body !== 'object' || body.s !== sortKey || typeof body.id !== 'string') throw invalidCursor();
  const scalar = body.v === null || ['string', 'number', 'boolean'].includes(typeof body.v);
  if (!scalar) throw invalidCursor();
  if (body.d === 1) {
    const date = new Date(String(body.v));
    if (Number.isNaN(date.getTime())) throw invalidCursor();
    return { value: date, id: body.id };
  }
  return { value: body.v, id: body.id };
}

/** Rows strictly after (value, id) in the order `{[field]: dir, _id: dir}`; nulls sort first ascending. */
export function afterCursor(field: string, dir: 1 | -1, value: unknown, id: string): Filter {
  if (value === null) {
    return dir === 1
      ? { $or: [{ [field]: null, _id: { $gt: id } }, { [field]: { $ne: null } }] }
      : { [field]: null, _id: { $lt: id } };
  }
  if (dir === 1) return { $or: [{ [field]: { $gt: value } }, { [field]: value, _id: { $gt: id } }] };
  return { $or: [{ [field]: { $lt: value } }, { [field]: value, _id: { $lt: id } }, { [field]: null }] };
}
