// Compiles a definition's data schema into a validator, once per definition
// version (the registry caches it). Unknown fields are refused: every object node
// that does not say otherwise is closed, so a typo in a field name is a 422 rather
// than data silently dropped or stored.
import type { ValidateFunction } from 'ajv';
import type { FieldError } from '../errors';
import { createDataAjv } from './data-ajv';
import { toFieldErrors } from '../messages/index';
import { withNumberBounds } from './number-bounds';
import type { JsonSchema } from './types';

const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas'];

const isSchemaObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy where object nodes without an explicit policy reject unknown properties. */
export function closeSchema(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isSchemaObject(node)) return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isSchemaObject(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [
            name,
            visit(isSchemaObject(child) ? withNumberBounds(name, child) : child),
          ]),
        );
      } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
        out[key] = value;
      } else {
        out[key] = typeof value === 'object' ? visit(value) : value;
      }
    }
    const isObjectNode = out.type === 'object' || isSchemaObject(out.properties);
    const hasPolicy = 'additionalProperties' in out || 'unevaluatedProperties' in out || 'patternProperties' in out;
    if (isObjectNode && !hasPolicy) {
      // With composition, properties may come from subschemas; unevaluatedProperties sees them all.
      if (COMPOSITION.some((k) => k in out)) out.unevaluatedProperties = false;
      else out.additionalProperties = false;
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

export interface DataValidator {
  /** Returns every error with a JSON Pointer path into `data`; empty when valid. Fills defaults into `data`. */
  (data: unknown): FieldError[];
}

export interface DataValidatorFactory {
  compile(schema: JsonSchema): DataValidator;
}

/**
 * One ajv per factory (the registry holds one); each compile is one definition
 * version. useDefaults: schema defaults (discount 0, paymentTerms cash) are filled
 * into the data being validated, before computed fields read them.
 */
export function createDataValidatorFactory(): DataValidatorFactory {
  // Two compiled forms of each schema: valid data (the common case) takes the
  // fast one that stops at the first error; only invalid data pays for the
  // all-errors pass that lists every field for the form to highlight.
  // Both compile on first use, not when the definition is loaded: an engine
  // starting on a store with ~30 definitions spent a third of its start-up
  // compiling validators nobody had called yet. A schema ajv cannot compile
  // never gets this far: publishing checks it first (data-schema-check.ts).
  let fastAjv: ReturnType<typeof createDataAjv> | undefined;
  let allErrorsAjv: ReturnType<typeof createDataAjv> | undefined;
  return {
    compile(schema) {
      const closed = closeSchema(schema);
      let fast: ValidateFunction | undefined;
      let full: ValidateFunction | undefined;
      return (data) => {
        fast ??= (fastAjv ??= createDataAjv({ useDefaults: true, allErrors: false })).compile(closed);
        if (fast(data)) return [];
        full ??= (allErrorsAjv ??= createDataAjv({ useDefaults: true, allErrors: true })).compile(closed);
        return full(data) ? [] : toFieldErrors(full.errors);
      };
    },
  };
}
