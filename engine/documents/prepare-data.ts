// Shared by create and update: defaults, computed fields, validation. The data is
// validated once before computing (so computed rules never see garbage, and a
// client's values for computed fields are ignored rather than judged) and once
// after (so the stored data is exactly what the schema allows).
import type { AppError, FieldError } from '../errors';
import { fieldErrorsParam, messageError } from '../messages/index';
import type { CompiledDefinition } from '../definitions/index';
import type { ComputedContext } from './computed';

function invalid(type: string, errors: FieldError[]): AppError {
  return messageError('VALIDATION_FAILED.data_invalid', { type, problems: fieldErrorsParam(errors) }, { errors });
}

export function prepareData(
  compiled: CompiledDefinition,
  input: Record<string, unknown>,
  context: ComputedContext,
): Record<string, unknown> {
  const draft = structuredClone(input);
  const before = compiled.validate(draft).filter((e) => !compiled.isComputedPath(e.path));
  if (before.length > 0) throw invalid(compiled.def.key, before);
  const data = compiled.computed.apply(draft, context);
  const after = compiled.validate(data);
  if (after.length > 0) throw invalid(compiled.def.key, after);
  return data;
}

/** RFC 7396 merge patch: objects merge, `null` removes a field, anything else replaces. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof out[key] === 'object' &&
      out[key] !== null &&
      !Array.isArray(out[key])
    ) {
      out[key] = mergePatch(out[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}
