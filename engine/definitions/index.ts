// The public surface of engine/definitions: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { BUILTIN_EFFECTS, type ApprovalLevel, type ComputedField, type Definition, type DocumentCreateOptions, type InventoryEffectOptions, type JsonLogic, type JsonSchema, type Locale, type LocalizedText, type PermissionSpec, type TemplateDef, type TransitionDef } from './types';
export { createRegistry, type CompileHook, type DefinitionRegistry, type RegistryOptions } from './registry';
export { listLatestRecords } from './service';
export { type CompiledDefinition } from './compile-definition';
export { definitionsPlugin } from './plugin';
export { definitionRoutes } from './routes';
