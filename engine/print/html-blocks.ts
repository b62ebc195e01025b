// The small HTML that print templates are written in (headings, paragraphs,
// divs, tables with colspan, br), read into blocks a PDF can lay out. Anything
// else keeps its text. Output of Handlebars is entity-escaped; entities are decoded.

export interface TableCell {
  text: string;
  colspan: number;
  header: boolean;
  numeric: boolean;
}

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; rows: TableCell[][] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'header', 'footer', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4']);
const TOKEN = /<!--[\s\S]*?-->|<(style|script)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;

const attr = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(attrs)
    ?.slice(2)
    .find((v) => v !== undefined);

const tidy = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');

export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let heading = 0;
  let table: TableCell[][] | null = null;
  let row: TableCell[] | null = null;
  let cell: TableCell | null = null;
  const flush = () => {
    const t = tidy(text);
    text = '';
    if (!t) return;
    blocks.push(heading ? { kind: 'heading', level: heading, text: t } : { kind: 'text', text: t });
  };
  for (const m of html.matchAll(TOKEN)) {
    const [, skipped, closing, rawTag, attrs = '', chars] = m;
    if (chars !== undefined) {
      const decoded = decodeEntities(chars.replace(/\s+/g, ' '));
      if (cell) cell.text += decoded;
      else if (!table) text += decoded;
      continue;
    }
    if (skipped || !rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (tag === 'br') {
      if (cell) cell.text += '\n';
      else text += '\n';
    } else if (tag === 'table') {
      if (closing) {
        if (table && table.length > 0) blocks.push({ kind: 'table', rows: table });
        table = row = cell = null;
      } else {
        flush();
        table = [];
      }
    } else if (tag === 'tr' && table) {
      if (closing) row = cell = null;
      else table.push((row = []));
    } else if ((tag === 'td' || tag === 'th') && table) {
      if (closing) {
        if (cell) cell.text = tidy(cell.text);
        cell = null;
      } else {
        if (!row) table.push((row = []));
        const classes = attr(attrs, 'class') ?? '';
        cell = {
          text: '',
          colspan: Math.max(1, Math.min(20, Number(attr(attrs, 'colspan') ?? 1) || 1)),
          header: tag === 'th',
          numeric: /\b(num|number|amount|right)\b/.test(classes),
        };
        row.push(cell);
      }
    } else if (BLOCK_TAGS.has(tag) && !table) {
      flush();
      heading = !closing && /^h[1-4]$/.test(tag) ? Number(tag[1]) : 0;
    }
  }
  flush();
  return blocks;
}
