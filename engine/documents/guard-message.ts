// A failed guard's 422. The message may quote the figures that made the rule
// fail: `{{data.total}}` or `{{related.customer.creditLimit}}` is replaced by the
// value at that path of the rule context ({data, doc, user, now, related}), so a
// clerk reads "limit 5,000.00, open 3,000.00, this order 4,000.00" instead of
// guessing. The quoted values also go into the problem body as `values`, keyed by
// path, for clients that render their own text. Deliberately not Handlebars:
// a guard message is one line of plain text, and plain paths are all it needs.
// Figures summed over documents the caller may not read (a customer's open orders,
// most of them other clerks') are not quoted to a caller with a narrower scope
// (issue 10, finding 7): the message says the figure is not shown instead.
import { AppError } from '../errors';
import type { Locale, LookupDef, TransitionDef } from '../definitions/index';
import { renderMessage } from '../messages/index';
import { formatMoney } from '../money/index';
import type { RuleContext } from '../rules/index';
import { capacityRefusal } from './capacity-refusal';
import { messageError } from '../messages/index';

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\}\}/g;

function valueAt(context: RuleContext, path: string): unknown {
  let node: unknown = context;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '—';
  // Amounts are what guards quote; two places and thousands separators read as money in both locales.
  if (typeof value === 'number') return Number.isFinite(value) ? formatMoney(value) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Figures over other documents (rule-context.ts): declared lookups, and the legacy open-orders figure. */
const AGGREGATE = /^(related\.[^.]+\.openOrdersTotal|lookup\.[^.]+)$/;

export interface GuardMessageOptions {
  /** The caller does not read every document of the type: aggregates over them are not quoted. */
  hideAggregates?: boolean;
  /** The definition's lookups: a guard bounding one, with no message, is refused as "full" (capacity-refusal.ts). */
  lookups?: readonly LookupDef[];
}

/** The message with every `{{path}}` filled in, and the values it quoted. */
export function renderGuardMessage(
  template: string,
  context: RuleContext,
  options: GuardMessageOptions & { locale?: Locale } = {},
): { text: string; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  const text = template.replace(PLACEHOLDER, (_match, path: string) => {
    if (options.hideAggregates && AGGREGATE.test(path))
      return renderMessage('RULE_FAILED.figure_hidden', options.locale ?? 'zh-CN');
    const value = valueAt(context, path);
    values[path] = value ?? null;
    return display(value);
  });
  return { text, values };
}

export function guardRefusal(
  transition: TransitionDef,
  context: RuleContext,
  locale: Locale,
  options: GuardMessageOptions = {},
): AppError {
  const message = transition.guard?.message;
  const full = message
    ? null
    : capacityRefusal(transition.key, transition.guard?.logic, context, options.lookups ?? []);
  if (full) return full;
  if (!message)
    return messageError(
      'RULE_FAILED.guard_failed',
      { transition: transition.key },
      { extra: { transition: transition.key, rule: 'guard' } },
    );
  const shown = renderGuardMessage(message[locale], context, { ...options, locale });
  const i18n = {
    'zh-CN': renderGuardMessage(message['zh-CN'], context, { ...options, locale: 'zh-CN' }).text,
    en: renderGuardMessage(message.en, context, { ...options, locale: 'en' }).text,
  };
  const extra: Record<string, unknown> = { transition: transition.key, rule: 'guard', i18n };
  if (Object.keys(shown.values).length > 0) extra.values = shown.values;
  return new AppError('RULE_FAILED', shown.text, { extra });
}
