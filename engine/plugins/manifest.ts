// manifest.json of a plugin: checked by its JSON Schema (ajv), then by semver: the
// plugin's own version must be valid and the engine range must accept this
// engine's version (package.json), so a plugin built for another engine is
// refused before anything is published.
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import semver from 'semver';
import type { AppError, FieldError } from '../errors';
import { fieldError } from '../messages/index';
import { toFieldErrors, type LocalizedText } from '../definitions/index';
import manifestSchema from './manifest-schema.json';
import { fieldErrorsParam, messageError } from '../messages/index';

export interface PluginManifest {
  name: string;
  version: string;
  /** semver range of engine versions the plugin works with, e.g. `^0.1.0`. */
  engine: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Other plugins this one needs, name → semver range. */
  depends?: Record<string, string>;
  /** Built-in definition keys this plugin overlays (extra fields, states, rules). */
  extends?: string[];
  /** Roles the plugin's definitions name, created on install when missing. */
  roles?: Array<{ key: string; label: LocalizedText }>;
  /** Module (relative to the plugin folder) whose default export is `definePlugin(...)`. */
  handlers?: string;
}

// Compiled on the first manifest checked, not when the module loads: every engine
// start imports this file, few ever install a plugin.
let validateManifest: ValidateFunction<PluginManifest> | undefined;
const manifestValidator = (): ValidateFunction<PluginManifest> =>
  (validateManifest ??= new Ajv2020({ allErrors: true, strict: true }).compile<PluginManifest>(manifestSchema));

const packageVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The engine's version, which a manifest's `engine` range must satisfy. */
export const ENGINE_VERSION: string = packageVersion();

function invalid(errors: FieldError[]): AppError {
  return messageError('VALIDATION_FAILED.manifest_invalid', { problems: fieldErrorsParam(errors) }, { errors });
}

export function parseManifest(body: unknown, engineVersion = ENGINE_VERSION): PluginManifest {
  const validate = manifestValidator();
  if (!validate(body)) {
    throw invalid(toFieldErrors(validate.errors, '/manifest'));
  }
  const errors: FieldError[] = [];
  if (!semver.valid(body.version))
    errors.push(fieldError('/manifest/version', 'VALIDATION_FAILED.not_semver', { value: String(body.version) }));
  if (!semver.validRange(body.engine))
    errors.push(fieldError('/manifest/engine', 'VALIDATION_FAILED.not_semver_range', { value: String(body.engine) }));
  else if (!semver.satisfies(engineVersion, body.engine, { includePrerelease: true })) {
    errors.push(
      fieldError('/manifest/engine', 'VALIDATION_FAILED.engine_out_of_range', {
        version: engineVersion,
        range: String(body.engine),
      }),
    );
  }
  for (const [name, range] of Object.entries(body.depends ?? {})) {
    if (!semver.validRange(range))
      errors.push(fieldError(`/manifest/depends/${name}`, 'VALIDATION_FAILED.not_semver_range', { value: range }));
  }
  if (errors.length > 0) throw invalid(errors);
  return body;
}
