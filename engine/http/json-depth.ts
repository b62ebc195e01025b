// JSON bodies nested deeper than any document needs are refused with 400 before
// they are parsed: validation, merge patches and rule compilation all recurse over
// the body, and a 2,000-level array would overflow the stack there (a 500). The
// depth is counted in one pass over the text, without recursion; the rest is
// Fastify's own JSON parser (prototype-poisoning checks included).
import type { FastifyInstance } from 'fastify';
import { fieldError, messageError } from '../messages/index';

/** A definition (schema inside properties inside items inside JSON-Logic) is the deepest legitimate body. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in `text`, stopping once past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function registerJsonDepthLimit(app: FastifyInstance, limit = MAX_JSON_DEPTH): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text, limit) > limit) {
      done(
        messageError(
          'BAD_REQUEST.json_too_deep',
          { limit },
          { errors: [fieldError('', 'BAD_REQUEST.nested_too_deep', { limit })] },
        ),
        undefined,
      );
      return;
    }
    void parse(request, text, done);
  });
}
