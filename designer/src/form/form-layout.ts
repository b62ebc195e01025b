// The layout a definition's UI schema gives its form, read by the staff app's
// generated form and the designer's preview alike: sections under `ui:sections`
// ([{key, title, columns, fields}]) and a field's width on a 24-column grid
// (`ui:options.span`), else its section's share.
export const SECTIONS = 'ui:sections';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The width a field takes on the 24-column grid inside a section of `columns`. */
export function spanIn(f: { kind?: string; ui?: Record<string, unknown> }, columns: number): number {
  const options = isObject(f.ui?.['ui:options']) ? f.ui['ui:options'] : {};
  if (typeof options.span === 'number') return options.span;
  // Tables and long text need the whole row whatever the columns.
  if (f.kind === 'lines' || f.kind === 'textarea') return 24;
  return Math.max(1, Math.floor(24 / Math.max(1, columns)));
}
