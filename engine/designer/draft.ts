// A definition the admin is still editing, compiled for a dry run (never stored or cached).
import { messageError } from '../messages/index';
import {
  parseDefinition,
  type CompiledDefinition,
  type Definition,
  type DefinitionRegistry,
} from '../definitions/index';

export function compileDraft(registry: DefinitionRegistry, body: unknown, version: number): CompiledDefinition {
  const { definition, errors } = parseDefinition({ ...(body as object), version });
  if (errors.length > 0) throw messageError('VALIDATION_FAILED.draft_invalid', undefined, { errors });
  return registry.compile(definition as Definition);
}
