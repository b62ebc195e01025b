// Query parameters reach the store only as scalars we have typed ourselves. Fastify
// keeps keys flat (`state[$ne]=x` arrives as the key "state[$ne]"), so operator
// injection shows up as odd keys, repeated keys (arrays) or values that parse to
// JSON objects; all of those are refused here, before any handler runs.
import type { FastifyRequest } from 'fastify';
import { fieldError, messageError } from '../messages/index';

const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

function parsesToObject(value: string): boolean {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    // Not JSON at all: an ordinary string value such as "[draft" is harmless.
    return false;
  }
}

/** Throws INVALID_QUERY naming the first parameter that is not a plain key=scalar pair. */
export function assertScalarQuery(query: unknown): void {
  if (query === undefined || query === null) return;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (!SAFE_KEY.test(key)) {
      throw messageError(
        'INVALID_QUERY.parameter_name_not_allowed',
        { key },
        { errors: [fieldError(`/querystring/${key}`, 'INVALID_QUERY.not_an_allowed_name')] },
      );
    }
    if (typeof value !== 'string' || parsesToObject(value)) {
      throw messageError(
        'INVALID_QUERY.parameter_not_plain',
        { key },
        { errors: [fieldError(`/querystring/${key}`, 'INVALID_QUERY.not_scalar')] },
      );
    }
  }
}

/** Fastify hook form, for routes whose querystring reaches the store. */
export async function scalarQueryHook(request: FastifyRequest): Promise<void> {
  assertScalarQuery(request.query);
}
