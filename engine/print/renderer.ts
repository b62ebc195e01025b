// Print and message templates (Handlebars), compiled once per definition version.
//
// Render context — what a template sees at its top level:
//   doc      the envelope: { id, type, number, state, version, definitionVersion,
//            approval, createdBy, createdAt, updatedBy, updatedAt }
//   data     the document's data, computed fields included ({{data.total}})
//   related  referenced documents the definition declares ({{related.customer.name}})
//   locale   'zh-CN' | 'en' — the language `{{label …}}` picks
//   labels   {zh-CN, en} texts the caller supplies for the template to print with
//            {{label labels.x}} (e.g. the definition's title, field titles, state label)
//
// Every {{value}} is HTML-escaped (the environment never sets noEscape): document
// data is typed by staff and customers. Only our helpers and Handlebars' built-ins
// may be called (knownHelpersOnly), so a misspelt helper fails at publish, not at print.
import Handlebars from 'handlebars';
import { type FieldError } from '../errors';
import { fieldError, messageError } from '../messages/index';
import type { Locale, TemplateDef } from '../definitions/index';
import { PRINT_HELPER_NAMES, printHelpers } from './helpers';
import { unsupportedStatement } from './template-paths';

export interface RenderContext {
  doc: { number?: string; state?: string; [field: string]: unknown };
  data: Record<string, unknown>;
  /** The data with labelled options (`oneOf` const/x-title) in the render's language: `{{display.category}}`. */
  display?: Record<string, unknown>;
  related: Record<string, unknown>;
  locale: Locale;
  labels: Record<string, unknown>;
}

export interface TemplateFn {
  (context: RenderContext): string;
  kind: TemplateDef['kind'];
  /** Message templates: the compiled subject line. */
  subject?: (context: RenderContext) => string;
}

export interface PrintRendererOptions {
  /** Zone date-times are printed in; default Asia/Shanghai (the users' clock). */
  timeZone?: string;
  /** Locale `label` falls back to; default zh-CN. */
  defaultLocale?: Locale;
}

export interface PrintRenderer {
  /** Compiles one template source; `path` (a JSON Pointer) and `name` identify it in errors. */
  compile(source: string, where?: { path?: string; name?: string }): (context: RenderContext) => string;
  /**
   * Every template of a definition version, keyed by template key. `deferred`:
   * each compiles on its first render, for versions already checked when published.
   */
  compileTemplates(def: { templates?: TemplateDef[] }, options?: { deferred?: boolean }): Map<string, TemplateFn>;
}

/** A context with nothing in it: rendering it once forces Handlebars' lazy compile. */
const EMPTY_CONTEXT: RenderContext = { doc: {}, data: {}, related: {}, locale: 'zh-CN', labels: {} };

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createPrintRenderer({
  timeZone = 'Asia/Shanghai',
  defaultLocale = 'zh-CN',
}: PrintRendererOptions = {}): PrintRenderer {
  // An isolated environment: helpers registered here cannot leak into, or be
  // replaced by, anything else using the global Handlebars.
  const env = Handlebars.create();
  // {{log}} would write document data to the server's console.
  env.unregisterHelper('log');
  const helpers = printHelpers({ timeZone, defaultLocale });
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  const knownHelpers = Object.fromEntries([...PRINT_HELPER_NAMES.map((n) => [n, true]), ['log', false]]);
  const compileOptions = { knownHelpers, knownHelpersOnly: true, strict: false, noEscape: false } as const;

  function compile(source: string, { path = '', name = path }: { path?: string; name?: string } = {}) {
    const fail = (message: string, cause?: unknown): never => {
      const errors: FieldError[] = [fieldError(path, 'VALIDATION_FAILED.print_template_problem', { reason: message })];
      throw messageError('VALIDATION_FAILED.print_template_invalid', { name, reason: message }, { errors, cause });
    };
    if (typeof source !== 'string') fail('a template must be a string');
    let ast;
    try {
      ast = env.parse(source);
    } catch (err) {
      return fail(describe(err), err);
    }
    const unsupported = unsupportedStatement(ast);
    if (unsupported) fail(unsupported);
    const template = env.compile<RenderContext>(source, compileOptions);
    try {
      // Handlebars compiles on first use; do it now, where an error fails publishing.
      template(EMPTY_CONTEXT);
    } catch (err) {
      fail(describe(err), err);
    }
    return (context: RenderContext) => template(context);
  }

  function compileTemplates(
    def: { templates?: TemplateDef[] },
    { deferred = false }: { deferred?: boolean } = {},
  ): Map<string, TemplateFn> {
    const out = new Map<string, TemplateFn>();
    const prepare = (source: string, where: { path: string; name: string }) => {
      if (!deferred) return compile(source, where);
      let template: ((context: RenderContext) => string) | undefined;
      return (context: RenderContext) => (template ??= compile(source, where))(context);
    };
    (def.templates ?? []).forEach((t, i) => {
      // JSON Pointers into the definition: `templates` is an array.
      const body = prepare(t.body, { path: `/templates/${i}/body`, name: `"${t.key}" body` });
      const fn: TemplateFn = Object.assign((context: RenderContext) => body(context), { kind: t.kind });
      if (t.subject !== undefined) {
        fn.subject = prepare(t.subject, { path: `/templates/${i}/subject`, name: `"${t.key}" subject` });
      }
      out.set(t.key, fn);
    });
    return out;
  }

  return { compile, compileTemplates };
}

let defaultRenderer: PrintRenderer | undefined;

/** compileTemplates with the default renderer (Asia/Shanghai, zh-CN). */
export function compileTemplates(
  def: { templates?: TemplateDef[] },
  options?: { deferred?: boolean },
): Map<string, TemplateFn> {
  defaultRenderer ??= createPrintRenderer();
  return defaultRenderer.compileTemplates(def, options);
}
