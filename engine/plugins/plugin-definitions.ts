// The definitions a plugin publishes. Each file in definitions/ is either a new
// definition or, for a key the manifest `extends`, an overlay on the built-in
// one: extra fields, states, transitions, rules and templates merged in, and
// published as the built-in's next version. An overlay adds; it never redefines
// a field, state, transition or template the built-in has (that is an error).
// A print template may keep its body in templates/: `"bodyFile": "x.hbs"`.
import type { FieldError } from '../errors';
import { fieldError } from '../messages/index';
import type { Definition } from '../definitions/index';
import { jsonFiles, type PluginBundle } from './bundle';
import { messageError } from '../messages/index';
import { textOf } from './field-text';

export interface PluginDefinition {
  key: string;
  file: string;
  overlay: boolean;
  /** The definition body as published (overlays: before merging). */
  body: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function inlineTemplates(bundle: PluginBundle, file: string, body: Obj, errors: FieldError[]): Obj {
  if (!Array.isArray(body.templates)) return body;
  const templates = body.templates.map((t: unknown, i) => {
    if (!isObj(t) || typeof t.bodyFile !== 'string') return t;
    const { bodyFile, ...rest } = t;
    const text = bundle.files[`templates/${bodyFile}`];
    if (text === undefined)
      errors.push(
        fieldError(`/${file}/templates/${i}/bodyFile`, 'VALIDATION_FAILED.template_file_missing', {
          file: `templates/${bodyFile}`,
        }),
      );
    return { ...rest, body: text ?? '' };
  });
  return { ...body, templates };
}

export function pluginDefinitions(bundle: PluginBundle): PluginDefinition[] {
  const extendsKeys = new Set(bundle.manifest.extends ?? []);
  const errors: FieldError[] = [];
  const out: PluginDefinition[] = [];
  for (const { file, body } of jsonFiles(bundle, 'definitions')) {
    if (!isObj(body) || typeof body.key !== 'string') {
      errors.push(fieldError(`/${file}/key`, 'VALIDATION_FAILED.definition_needs_key'));
      continue;
    }
    out.push({
      key: body.key,
      file,
      overlay: extendsKeys.has(body.key),
      body: inlineTemplates(bundle, file, body, errors),
    });
  }
  for (const key of extendsKeys) {
    if (!out.some((d) => d.key === key))
      errors.push(fieldError('/manifest/extends', 'VALIDATION_FAILED.overlay_file_missing', { key }));
  }
  const seen = new Set<string>();
  for (const d of out) {
    if (seen.has(d.key))
      errors.push(fieldError(`/${d.file}/key`, 'VALIDATION_FAILED.duplicate_definition', { key: d.key }));
    seen.add(d.key);
  }
  if (errors.length > 0)
    throw messageError(
      'VALIDATION_FAILED.plugin_definitions_invalid',
      { first: textOf(errors[0]) },
      {
        errors,
      },
    );
  return out;
}

function mergeByKey(
  base: unknown,
  extra: unknown,
  what: { 'zh-CN': string; en: string },
  path: string,
  errors: FieldError[],
): unknown {
  if (extra === undefined) return base;
  const list = Array.isArray(base) ? [...(base as Obj[])] : [];
  (Array.isArray(extra) ? (extra as Obj[]) : []).forEach((item, i) => {
    if (list.some((b) => b.key === item.key))
      errors.push(
        fieldError(`${path}/${i}/key`, 'VALIDATION_FAILED.builtin_has_item', { what, key: String(item.key) }),
      );
    else list.push(item);
  });
  return list;
}

function mergeSchema(base: Obj, extra: Obj | undefined, path: string, errors: FieldError[]): Obj {
  if (!extra) return base;
  const props = { ...(isObj(base.properties) ? base.properties : {}) };
  for (const [name, schema] of Object.entries(isObj(extra.properties) ? extra.properties : {})) {
    if (name in props)
      errors.push(fieldError(`${path}/properties/${name}`, 'VALIDATION_FAILED.builtin_has_field', { name }));
    else props[name] = schema;
  }
  const required = [
    ...(Array.isArray(base.required) ? base.required : []),
    ...(Array.isArray(extra.required) ? extra.required : []),
  ];
  return { ...base, properties: props, ...(required.length > 0 ? { required } : {}) };
}

function mergeUiSchema(base: unknown, extra: unknown): Obj {
  const b = isObj(base) ? base : {};
  const e = isObj(extra) ? extra : {};
  const order = [
    ...(Array.isArray(b['ui:order']) ? b['ui:order'] : []),
    ...(Array.isArray(e['ui:order']) ? e['ui:order'] : []),
  ];
  return { ...b, ...e, ...(order.length > 0 ? { 'ui:order': [...new Set(order)] } : {}) };
}

const concat = (a: unknown, b: unknown): unknown[] | undefined =>
  a === undefined && b === undefined ? undefined : [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])];

/**
 * `extendTransitions: [{key, effects, effectOptions}]` adds effects to a built-in
 * transition (e.g. a check on goods receipt `post`); the built-in's own effects
 * and options stay, and run first.
 */
function extendTransitions(transitions: Obj[], extra: unknown[], path: string, errors: FieldError[]): Obj[] {
  const out = transitions.map((t) => ({ ...t }));
  extra.forEach((item, i) => {
    const e = isObj(item) ? item : {};
    const target = out.find((t) => t.key === e.key);
    if (!target) {
      errors.push(
        fieldError(`${path}/${i}/key`, 'VALIDATION_FAILED.builtin_has_no_transition', { key: String(e.key) }),
      );
      return;
    }
    const options = isObj(e.effectOptions) ? e.effectOptions : {};
    const baseOptions = isObj(target.effectOptions) ? target.effectOptions : {};
    for (const name of Object.keys(options)) {
      if (name in baseOptions)
        errors.push(
          fieldError(`${path}/${i}/effectOptions/${name}`, 'VALIDATION_FAILED.builtin_effect_options', { name }),
        );
    }
    target.effects = [
      ...(Array.isArray(target.effects) ? target.effects : []),
      ...(Array.isArray(e.effects) ? e.effects : []),
    ];
    if (Object.keys(options).length > 0) target.effectOptions = { ...baseOptions, ...options };
  });
  return out;
}

/** The built-in definition with the overlay merged in; refuses anything that would replace part of it. */
export function mergeOverlay(base: Definition, overlay: PluginDefinition): Obj {
  const o = overlay.body;
  const errors: FieldError[] = [];
  const at = `/${overlay.file}`;
  const merged: Obj = { ...(base as unknown as Obj) };
  delete merged.version;
  merged.schema = mergeSchema(base.schema, isObj(o.schema) ? o.schema : undefined, `${at}/schema`, errors);
  if (o.uiSchema !== undefined) merged.uiSchema = mergeUiSchema(base.uiSchema, o.uiSchema);
  merged.states = mergeByKey(base.states, o.states, { 'zh-CN': '状态', en: 'state' }, `${at}/states`, errors);
  merged.transitions = mergeByKey(
    base.transitions,
    o.transitions,
    { 'zh-CN': '流转', en: 'transition' },
    `${at}/transitions`,
    errors,
  );
  merged.templates = mergeByKey(
    base.templates,
    o.templates,
    { 'zh-CN': '模板', en: 'template' },
    `${at}/templates`,
    errors,
  );
  if (Array.isArray(o.extendTransitions))
    merged.transitions = extendTransitions(
      merged.transitions as Obj[],
      o.extendTransitions,
      `${at}/extendTransitions`,
      errors,
    );
  for (const key of ['computed', 'indexes', 'listColumns', 'searchFields'] as const) {
    const list = concat(base[key], o[key]);
    if (list) merged[key] = key === 'listColumns' || key === 'searchFields' ? [...new Set(list)] : list;
  }
  for (const key of ['related', 'permissions'] as const) {
    if (!isObj(o[key])) continue;
    const baseMap = (base[key] ?? {}) as Obj;
    for (const name of Object.keys(o[key])) {
      if (name in baseMap)
        errors.push(fieldError(`${at}/${key}/${name}`, 'VALIDATION_FAILED.builtin_has_name', { name }));
    }
    merged[key] = { ...baseMap, ...o[key] };
  }
  for (const key of Object.keys(o)) {
    if (
      ![
        'key',
        'extendTransitions',
        'schema',
        'uiSchema',
        'states',
        'transitions',
        'templates',
        'computed',
        'indexes',
        'listColumns',
        'searchFields',
        'related',
        'permissions',
      ].includes(key)
    ) {
      errors.push(fieldError(`${at}/${key}`, 'VALIDATION_FAILED.overlay_cannot_change', { key }));
    }
  }
  if (errors.length > 0)
    throw messageError('VALIDATION_FAILED.overlay_replaces_builtin', { file: overlay.file, key: base.key }, { errors });
  return merged;
}
