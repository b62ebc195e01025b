// Turns ajv's errors into {path, message} a business admin can act on: the path
// points at the offending property itself (not its parent), messages come from the
// catalogue (engine/messages), one per keyword, in the caller's language.
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../errors';
import { fieldError, type MessageKey, type MessageParams } from './index';

export const pointerSegment = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

const list = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);

function describe(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { description?: unknown } | undefined;
  return typeof parent?.description === 'string' ? parent.description : undefined;
}

type Said = { key: MessageKey; params?: MessageParams } | { text: string };

const say = (key: MessageKey, params?: Record<string, unknown>): Said => ({
  key,
  params: params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
});

function boundsMessage(error: ErrorObject): Said {
  const p = error.params as { reason?: string; limit?: number; decimals?: number };
  if (p.reason === 'too_large') return say('VALIDATION_FAILED.number_too_large', { limit: p.limit?.toExponential() });
  if (p.reason === 'decimals') return say('VALIDATION_FAILED.too_many_decimals', { decimals: p.decimals });
  return say('VALIDATION_FAILED.out_of_range');
}

function messageFor(error: ErrorObject): Said {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return say('VALIDATION_FAILED.required');
    case 'additionalProperties':
      return say('VALIDATION_FAILED.unknown_property', { name: p.additionalProperty });
    case 'type':
      return say('VALIDATION_FAILED.wrong_type', { type: p.type });
    case 'enum':
      return say('VALIDATION_FAILED.not_one_of', { values: list(p.allowedValues) });
    case 'const':
      return say('VALIDATION_FAILED.not_const', { value: list(p.allowedValue) });
    case 'pattern': {
      // A schema's own description says what the pattern means better than the pattern.
      const text = describe(error);
      return text ? { text } : say('VALIDATION_FAILED.pattern', { pattern: p.pattern });
    }
    case 'format':
      return say('VALIDATION_FAILED.format', { format: p.format });
    case 'minItems':
      return say('VALIDATION_FAILED.min_items', { limit: p.limit });
    case 'maxItems':
      return say('VALIDATION_FAILED.max_items', { limit: p.limit });
    case 'minLength':
      return p.limit === 1
        ? say('VALIDATION_FAILED.empty_text')
        : say('VALIDATION_FAILED.min_length', { limit: p.limit });
    case 'maxLength':
      return say('VALIDATION_FAILED.max_length', { limit: p.limit });
    case 'minProperties':
      return p.limit === 1
        ? say('VALIDATION_FAILED.empty_object')
        : say('VALIDATION_FAILED.min_properties', { limit: p.limit });
    case 'maxProperties':
      return describe(error)?.startsWith('JSON-Logic')
        ? say('VALIDATION_FAILED.one_operator')
        : say('VALIDATION_FAILED.max_properties', { limit: p.limit });
    case 'uniqueItems':
      return say('VALIDATION_FAILED.duplicate_items', { i: p.i, j: p.j });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return say('VALIDATION_FAILED.comparison', { comparison: p.comparison, limit: p.limit });
    case 'x-bounds':
      return boundsMessage(error);
    default:
      return say('VALIDATION_FAILED.schema_mismatch', { reason: error.message ?? `fails ${error.keyword}` });
  }
}

function pathFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${pointerSegment(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${pointerSegment(String(p.additionalProperty))}`;
  // Errors raised inside propertyNames carry the offending name; point at it.
  if (typeof error.propertyName === 'string') return `${error.instancePath}/${pointerSegment(error.propertyName)}`;
  return error.instancePath;
}

/** `if` and `propertyNames` only summarise errors that are reported on their own. */
const SUMMARY_KEYWORDS = new Set(['if', 'propertyNames']);

export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (SUMMARY_KEYWORDS.has(error.keyword)) continue;
    const said = messageFor(error);
    const path = prefix + pathFor(error);
    const item = 'text' in said ? { path, message: said.text } : fieldError(path, said.key, said.params);
    const id = `${item.path}\u0000${item.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(item);
  }
  return out;
}
