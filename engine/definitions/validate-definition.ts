// Validates a definition against the meta-schema and checks that its data schema
// compiles. Every problem is listed (allErrors), each with a JSON Pointer.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../errors';
import { checkDataSchema } from './data-schema-check';
import metaSchema from './meta-schema.json';
import { toFieldErrors } from '../messages/index';
import type { DefinitionInput, JsonSchema } from './types';

let validator: ValidateFunction | undefined;

function metaValidator(): ValidateFunction {
  if (!validator) {
    // verbose: messages use the failing schema's `description`; useDefaults fills
    // optional members (roles: [], editable: false…) in the copy parseDefinition returns.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, useDefaults: true, strict: true, strictTypes: false });
    addFormats(ajv);
    validator = ajv.compile(metaSchema);
  }
  return validator;
}

export function getMetaSchema(): typeof metaSchema {
  return metaSchema;
}

export interface ParsedDefinition {
  /** A copy with defaults applied; meaningful only when `errors` is empty. */
  definition: DefinitionInput;
  errors: FieldError[];
}

/** Validates and returns a normalised copy (the input is never modified). */
export function parseDefinition(input: unknown): ParsedDefinition {
  const copy = structuredClone(input) as DefinitionInput;
  const validate = metaValidator();
  const errors = validate(copy) ? [] : toFieldErrors(validate.errors);
  const schemaHasErrors = errors.some((e) => e.path === '/schema' || e.path.startsWith('/schema/'));
  const schema = (copy as { schema?: unknown } | null)?.schema;
  if (!schemaHasErrors && typeof schema === 'object' && schema !== null) {
    errors.push(...checkDataSchema(schema as JsonSchema));
  }
  return { definition: copy, errors };
}

/** Every meta-schema and data-schema error, as `{path, message}`; empty when valid. */
export function validateDefinition(input: unknown): FieldError[] {
  return parseDefinition(input).errors;
}
