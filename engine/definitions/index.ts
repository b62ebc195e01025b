// The public surface of engine/definitions: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export {
  BUILTIN_EFFECTS,
  type ApprovalLevel,
  type ApprovalSpec,
  type StateDef,
  type ComputedField,
  type Definition,
  type DocumentCreateOptions,
  type InventoryEffectOptions,
  type JsonLogic,
  type JsonSchema,
  type Locale,
  type LocalizedText,
  type PermissionSpec,
  type TemplateDef,
  type TransitionDef,
  type LookupDef,
  type Finding,
} from './types';
export {
  createRegistry,
  type CompileHook,
  type DefinitionRegistry,
  type DocumentsPort,
  type RegistryOptions,
} from './registry';
export {
  latestRecord,
  listLatestRecords,
  listVersions,
  DEFINITIONS_COLLECTION,
  type DefinitionRecord,
} from './service';
export { parseDefinition } from './validate-definition';
export { toFieldErrors } from '../messages/index';
export { lintDefinition, type LintOptions } from './lint/index';
export { documentsCollectionName } from './collections';
export { checkDefinition, publishDefinition, withdrawDefinition } from './publish';
export { type CompiledDefinition, type DocumentParts, type DocumentPartsCompiler } from './compile-definition';
export { definitionsPlugin } from './plugin';
export { definitionRoutes } from './routes';
