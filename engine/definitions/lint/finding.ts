import type { Definition, Finding } from '../types';

export interface LintOptions {
  /** Looks up another definition (for `related.*` paths and reference widgets); absent → those paths go unchecked. */
  resolveDefinition?: (key: string) => Definition | undefined;
  /** Effect names registered beside the built-ins (plugins). */
  effects?: readonly string[];
  /** Handlebars helpers registered beside the built-ins. */
  helpers?: readonly string[];
  /** JSON-Logic operators registered beside json-logic's own. */
  operators?: readonly string[];
  /** Roles that exist beside the built-ins (the store's); absent → an unknown `escalateTo` is only a warning. */
  roles?: readonly string[];
}

export interface LintContext {
  def: Definition;
  options: LintOptions;
}

export type Check = (ctx: LintContext) => Finding[];

/** Builds a finding whose message reads zh-CN first, then English. */
export function finding(rule: string, severity: Finding['severity'], path: string, zh: string, en: string): Finding {
  return { rule, severity, path, message: `${zh} / ${en}`, i18n: { 'zh-CN': zh, en } };
}

export const pointer = (...segments: Array<string | number>): string =>
  segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
