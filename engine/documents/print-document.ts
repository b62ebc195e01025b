// GET …/:id/print/:template → a standalone HTML page rendered by the template of
// the document's own definition version (compiled once per version, engine/print);
// with ?format=pdf the same template's content as a PDF file.
import { printPdf, type Paper } from '../print/index';
import type { DefinitionRegistry, Locale } from '../definitions/index';
import type { Store } from '../store/index';
import { envelopeOf } from './document-record';
import { readDocument } from './read-document';
import { displayData } from './option-labels';
import { loadRuleInputs } from './rule-context';
import type { RuleUser } from './row-filter';
import { listParam, messageError } from '../messages/index';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

type PrintInput = { type: string; id: string; template: string; user: RuleUser; locale: Locale };

async function renderPrint(store: Store, registry: DefinitionRegistry, input: PrintInput) {
  const { doc, compiled } = await readDocument(store, registry, input);
  const template = compiled.templates.get(input.template);
  if (!template || template.kind !== 'print') {
    const names = [...compiled.templates].filter(([, t]) => t.kind === 'print').map(([k]) => k);
    throw messageError('NOT_FOUND.print_template', {
      type: doc.type,
      template: input.template,
      names: listParam(names),
    });
  }
  const { related } = await loadRuleInputs(store, compiled, doc.data, { excludeId: doc._id });
  const def = compiled.def;
  const body = template({
    doc: envelopeOf(doc),
    data: doc.data,
    display: displayData(def.schema, doc.data, input.locale),
    related,
    locale: input.locale,
    labels: { title: def.title, state: compiled.states.get(doc.state)?.label ?? { 'zh-CN': doc.state, en: doc.state } },
  });
  return { body, title: `${def.title[input.locale]} ${doc.number}`, number: doc.number };
}

export async function printDocument(store: Store, registry: DefinitionRegistry, input: PrintInput): Promise<string> {
  const { body, title: plain } = await renderPrint(store, registry, input);
  const title = escapeHtml(plain);
  return `<!doctype html>\n<html lang="${input.locale}"><head><meta charset="utf-8"><title>${title}</title></head><body>\n${body}</body></html>\n`;
}

/** The print as a PDF file, named after the document's number. */
export async function printDocumentPdf(
  store: Store,
  registry: DefinitionRegistry,
  input: PrintInput,
  paper: Paper = 'a4',
): Promise<{ content: Buffer; filename: string }> {
  const { body, title, number } = await renderPrint(store, registry, input);
  return { content: await printPdf(body, title, paper), filename: `${number}-${input.template}.pdf` };
}
