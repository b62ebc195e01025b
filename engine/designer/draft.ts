// A definition the admin is still editing, compiled for a dry run (never stored or cached).
import { AppError } from '../errors';
import {
  parseDefinition,
  type CompiledDefinition,
  type Definition,
  type DefinitionRegistry,
} from '../definitions/index';

export function compileDraft(registry: DefinitionRegistry, body: unknown, version: number): CompiledDefinition {
  const { definition, errors } = parseDefinition({ ...(body as object), version });
  if (errors.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The draft definition is not valid yet; fix it before trying it.', {
      errors,
    });
  return registry.compile(definition as Definition);
}
