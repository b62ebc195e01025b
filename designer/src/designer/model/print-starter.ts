// A new print template's first body, made from the form: the title and number, each
// field under its Chinese label (money with the money helper, dates as dates), a
// table's rows with their columns, and the total also in 大写 (Chinese capital
// amount) as Chinese vouchers print it. The admin edits it from there.
import { labelOf } from './field-edit';
import type { FieldModel, LocalizedText } from './types';

const value = (f: FieldModel, path: string): string =>
  f.kind === 'money'
    ? `{{money ${path}}}`
    : f.kind === 'date'
      ? `{{date ${path}}}`
      : f.kind === 'quantity'
        ? `{{qty ${path}}}`
        : `{{${path}}}`;

/** Text typed by the admin goes into HTML: keep it text. */
const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function starterTemplate(fields: FieldModel[], title: LocalizedText): string {
  const out = [
    '<div class="print">',
    `  <h1>${escape(title['zh-CN'])} ${escape(title.en)}</h1>`,
    '  <table class="head">',
    '    <tr><th>单号 No.</th><td>{{doc.number}}</td></tr>',
  ];
  const tables: FieldModel[] = [];
  for (const f of fields) {
    if (f.kind === 'lines') tables.push(f);
    else out.push(`    <tr><th>${escape(labelOf(f)['zh-CN'])}</th><td>${value(f, `data.${f.key}`)}</td></tr>`);
  }
  out.push('  </table>');
  for (const table of tables) {
    const cols = table.columns ?? [];
    out.push(
      `  <table class="lines">`,
      `    <tr><th>#</th>${cols.map((c) => `<th>${escape(labelOf(c)['zh-CN'])}</th>`).join('')}</tr>`,
      `    {{#each data.${table.key}}}`,
      `    <tr><td>{{inc @index}}</td>${cols.map((c) => `<td>${value(c, `this.${c.key}`)}</td>`).join('')}</tr>`,
      '    {{/each}}',
      '  </table>',
    );
  }
  const total = fields.find((f) => f.key === 'total' && f.kind === 'money');
  if (total) out.push('  <p class="total">{{rmbUpper data.total}}</p>');
  out.push('</div>', '');
  return out.join('\n');
}
