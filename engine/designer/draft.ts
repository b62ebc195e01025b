// A definition the admin is still editing, compiled for a dry run (never stored or cached).
import { AppError } from '../errors';
import type { CompiledDefinition } from '../definitions/compile-definition';
import type { DefinitionRegistry } from '../definitions/registry';
import type { Definition } from '../definitions/types';
import { parseDefinition } from '../definitions/validate-definition';

export function compileDraft(registry: DefinitionRegistry, body: unknown, version: number): CompiledDefinition {
  const { definition, errors } = parseDefinition({ ...(body as object), version });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The draft definition is not valid yet; fix it before trying it.', { errors });
  return registry.compile(definition as Definition);
}
