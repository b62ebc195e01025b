// Checks on a definition's data schema beyond its shape: that ajv can compile it
// (bad regexes, unknown keywords) and that `required` names real fields, which
// ajv only notices at runtime by refusing every document.
import type { FieldError } from '../errors';
import { fieldError } from '../messages/index';
import { createDataAjv } from './data-ajv';
import { pointerSegment } from '../messages/index';
import type { JsonSchema } from './types';

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords that may add properties the node's own `properties` does not list. */
const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'additionalProperties'];

function checkRequired(node: JsonSchema, path: string, out: FieldError[]): void {
  const props = isObject(node.properties) ? node.properties : undefined;
  const open = COMPOSITION.some((k) => node[k] !== undefined && node[k] !== false);
  if (Array.isArray(node.required) && props && !open) {
    node.required.forEach((name, i) => {
      if (typeof name === 'string' && !(name in props)) {
        out.push(fieldError(`${path}/required/${i}`, 'VALIDATION_FAILED.required_not_defined', { name }));
      }
    });
  }
  for (const [name, child] of Object.entries(props ?? {})) {
    if (isObject(child)) checkRequired(child, `${path}/properties/${pointerSegment(name)}`, out);
  }
  if (isObject(node.items)) checkRequired(node.items, `${path}/items`, out);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((s, i) => isObject(s) && checkRequired(s, `${path}/${key}/${i}`, out));
  }
  for (const key of ['if', 'then', 'else', 'not', 'additionalProperties']) {
    const child = node[key];
    if (isObject(child)) checkRequired(child, `${path}/${key}`, out);
  }
}

let compiler: ReturnType<typeof createDataAjv> | undefined;

/** Reports under `/schema…`. Call only on a schema that passed the meta-schema. */
export function checkDataSchema(schema: JsonSchema): FieldError[] {
  const out: FieldError[] = [];
  checkRequired(schema, '/schema', out);
  compiler ??= createDataAjv();
  try {
    // removeSchema: compile caches by object identity and we are given a fresh object each time.
    compiler.compile(schema);
    compiler.removeSchema(schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    out.push(fieldError('/schema', 'VALIDATION_FAILED.schema_does_not_compile', { reason }));
  }
  return out;
}
