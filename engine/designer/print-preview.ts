// The template editor's live preview: a Handlebars body rendered against a chosen
// document with the print engine's own helpers; a template error comes back with
// its line so the editor can mark it.
import { AppError } from '../errors';
import type { DefinitionRegistry, Locale } from '../definitions/index';
import { displayData, envelopeOf, loadRuleInputs, readDocument, type RuleUser } from '../documents/index';
import { createPrintRenderer } from '../print/index';
import type { Store } from '../store/index';

export type PreviewResult = { html: string } | { error: { message: string; line: number | null } };

const renderer = createPrintRenderer();

/**
 * Handlebars names the line as "Parse error on line 3:" or, for a mismatched block
 * or an unknown helper, "… - 2:3" (line:column of the opening tag); our own checks
 * name none.
 */
export const lineOf = (message: string): number | null => {
  const m = /line (\d+)/i.exec(message) ?? / - (\d+):\d+$/.exec(message);
  return m ? Number(m[1]) : null;
};

export async function previewTemplate(
  store: Store,
  registry: DefinitionRegistry,
  input: { body: string; type: string; id?: string; sample?: Record<string, unknown>; user: RuleUser; locale: Locale },
): Promise<PreviewResult> {
  let template;
  try {
    template = renderer.compile(input.body, { path: '/body', name: 'preview' });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const message = err.message.replace(/^Template preview: /, '');
    return { error: { message, line: lineOf(message) } };
  }
  if (!input.id) {
    return {
      html: template({
        doc: { number: 'PREVIEW-0001', state: 'draft' },
        data: input.sample ?? {},
        display: input.sample ?? {},
        related: {},
        locale: input.locale,
        labels: {},
      }),
    };
  }
  const { doc, compiled } = await readDocument(store, registry, { type: input.type, id: input.id, user: input.user });
  const { related } = await loadRuleInputs(store, compiled, doc.data, { excludeId: doc._id });
  const state = compiled.states.get(doc.state)?.label ?? { 'zh-CN': doc.state, en: doc.state };
  return {
    html: template({
      doc: envelopeOf(doc),
      data: doc.data,
      display: displayData(compiled.def.schema, doc.data, input.locale),
      related,
      locale: input.locale,
      labels: { title: compiled.def.title, state },
    }),
  };
}
