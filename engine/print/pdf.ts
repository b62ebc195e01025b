// A printed document as PDF (GET …/print/:template?format=pdf): the template's
// HTML read into headings, paragraphs and tables (html-blocks.ts) and laid out by
// pdfkit on A4 with Noto Sans Hans from @embedpdf/fonts-sc, so Chinese prints
// without any system font. The layout is plainer than the browser's print view;
// the content is the same template's.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { htmlBlocks, type Block, type TableCell } from './html-blocks';

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

const MARGIN = 40;
const PAD = 4;
const SIZE = 9.5;
const HEADING_SIZES = [0, 16, 13, 11.5, 10.5];

type Doc = InstanceType<typeof PDFDocument>;

/** Column widths from the single-span cells' text, shared out over the page width. */
function columnWidths(doc: Doc, rows: TableCell[][], width: number): number[] {
  const count = Math.max(...rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
  const want = new Array<number>(count).fill(24);
  for (const row of rows) {
    let col = 0;
    for (const c of row) {
      if (c.colspan === 1) want[col] = Math.max(want[col], Math.min(220, doc.widthOfString(c.text) + 2 * PAD));
      col += c.colspan;
    }
  }
  const total = want.reduce((a, b) => a + b, 0);
  return want.map((w) => (w / total) * width);
}

function drawTable(doc: Doc, rows: TableCell[][], width: number): void {
  doc.fontSize(SIZE);
  const widths = columnWidths(doc, rows, width);
  for (const row of rows) {
    let col = 0;
    const cells = row.map((c) => {
      const w = widths.slice(col, col + c.colspan).reduce((a, b) => a + b, 0);
      const x = MARGIN + widths.slice(0, col).reduce((a, b) => a + b, 0);
      col += c.colspan;
      return { ...c, x, w };
    });
    const height = Math.max(...cells.map((c) => doc.heightOfString(c.text || ' ', { width: c.w - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    for (const c of cells) {
      if (c.header) doc.rect(c.x, y, c.w, height).fill('#f2f3f5').fillColor('#000000');
      doc.rect(c.x, y, c.w, height).lineWidth(0.5).stroke('#8a8f99');
      doc.text(c.text, c.x + PAD, y + PAD, { width: c.w - 2 * PAD, align: c.numeric ? 'right' : 'left' });
    }
    doc.x = MARGIN;
    doc.y = y + height;
  }
  doc.moveDown(0.6);
}

function draw(doc: Doc, block: Block, width: number): void {
  if (block.kind === 'table') return drawTable(doc, block.rows, width);
  doc.x = MARGIN;
  if (block.kind === 'heading') {
    doc
      .fontSize(HEADING_SIZES[block.level] ?? SIZE)
      .text(block.text, { width, align: block.level === 1 ? 'center' : 'left' });
  } else {
    doc.fontSize(SIZE).text(block.text, { width });
  }
  doc.moveDown(0.5);
}

export function printPdf(html: string, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT);
    const width = doc.page.width - 2 * MARGIN;
    for (const block of htmlBlocks(html)) draw(doc, block, width);
    doc.end();
  });
}
