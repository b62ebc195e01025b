// A printed document as PDF (GET …/print/:template?format=pdf): the template's
// HTML read into headings, paragraphs and tables (html-blocks.ts) and laid out by
// pdfkit with Noto Sans Hans from @embedpdf/fonts-sc, so Chinese prints without
// any system font. The layout is plainer than the browser's print view; the
// content is the same template's.
//
// Paper: A4, or an 80 mm receipt roll (`&paper=receipt80`, 小票): 80 mm wide
// (226.77 pt), smaller type and margins, and one page as long as the content,
// because a roll printer cuts where the page ends. Its length is measured by
// laying the blocks out once on a very long page, then laid out again to fit.
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { htmlBlocks, type Block, type TableCell } from './html-blocks';

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

export const PAPERS = ['a4', 'receipt80'] as const;
export type Paper = (typeof PAPERS)[number];

const MM = 72 / 25.4;
/** Longest page a PDF reader is sure to show (200 inches); a receipt longer than this goes on. */
const LONGEST = 14_400;

interface Layout {
  margin: number;
  pad: number;
  size: number;
  headings: number[];
  /** Cell borders: receipts print without a grid, as till rolls do. */
  grid: boolean;
  maxColumn: number;
}

const LAYOUTS: Record<Paper, Layout> = {
  a4: { margin: 40, pad: 4, size: 9.5, headings: [0, 16, 13, 11.5, 10.5], grid: true, maxColumn: 220 },
  receipt80: { margin: 4 * MM, pad: 2, size: 8, headings: [0, 12, 10, 9, 8.5], grid: false, maxColumn: 120 },
};

type Doc = InstanceType<typeof PDFDocument>;

/**
 * pdfkit on first print, not at start: with fontkit, brotli and the Unicode
 * tables it loads, it cost every engine start ~90 ms for a rarely used feature.
 */
const loadPdfkit = async (): Promise<typeof PDFDocument> => (await import('pdfkit')).default;

/** Column widths from the single-span cells' text, shared out over the page width. */
function columnWidths(doc: Doc, rows: TableCell[][], width: number, layout: Layout): number[] {
  const count = Math.max(...rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
  const want = new Array<number>(count).fill(layout.size * 2.5);
  for (const row of rows) {
    let col = 0;
    for (const c of row) {
      if (c.colspan === 1)
        want[col] = Math.max(want[col], Math.min(layout.maxColumn, doc.widthOfString(c.text) + 2 * layout.pad));
      col += c.colspan;
    }
  }
  const total = want.reduce((a, b) => a + b, 0);
  return want.map((w) => (w / total) * width);
}

function drawTable(doc: Doc, rows: TableCell[][], width: number, layout: Layout): void {
  const { margin, pad } = layout;
  doc.fontSize(layout.size);
  const widths = columnWidths(doc, rows, width, layout);
  for (const row of rows) {
    let col = 0;
    const cells = row.map((c) => {
      const w = widths.slice(col, col + c.colspan).reduce((a, b) => a + b, 0);
      const x = margin + widths.slice(0, col).reduce((a, b) => a + b, 0);
      col += c.colspan;
      return { ...c, x, w };
    });
    const height = Math.max(...cells.map((c) => doc.heightOfString(c.text || ' ', { width: c.w - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - margin) doc.addPage();
    const y = doc.y;
    for (const c of cells) {
      if (layout.grid) {
        if (c.header) doc.rect(c.x, y, c.w, height).fill('#f2f3f5').fillColor('#000000');
        doc.rect(c.x, y, c.w, height).lineWidth(0.5).stroke('#8a8f99');
      }
      doc.text(c.text, c.x + pad, y + pad, { width: c.w - 2 * pad, align: c.numeric ? 'right' : 'left' });
    }
    doc.x = margin;
    doc.y = y + height;
  }
  doc.moveDown(0.6);
}

function draw(doc: Doc, block: Block, width: number, layout: Layout): void {
  if (block.kind === 'table') return drawTable(doc, block.rows, width, layout);
  doc.x = layout.margin;
  if (block.kind === 'heading') {
    doc
      .fontSize(layout.headings[block.level] ?? layout.size)
      .text(block.text, { width, align: block.level === 1 ? 'center' : 'left' });
  } else {
    doc.fontSize(layout.size).text(block.text, { width });
  }
  doc.moveDown(0.5);
}

/** Lays the blocks out on one page size; returns the document and where the content ended. */
function layOut(Pdf: typeof PDFDocument, blocks: Block[], title: string, paper: Paper, size: [number, number] | 'A4') {
  const layout = LAYOUTS[paper];
  const doc = new Pdf({ size, margin: layout.margin, info: { Title: title } });
  let pages = 1;
  doc.on('pageAdded', () => (pages += 1));
  doc.font(FONT);
  const width = doc.page.width - 2 * layout.margin;
  for (const block of blocks) draw(doc, block, width, layout);
  return { doc, end: doc.y, pages };
}

export async function printPdf(html: string, title: string, paper: Paper = 'a4'): Promise<Buffer> {
  const Pdf = await loadPdfkit();
  const blocks = htmlBlocks(html);
  let size: [number, number] | 'A4' = 'A4';
  if (paper === 'receipt80') {
    const measured = layOut(Pdf, blocks, title, paper, [80 * MM, LONGEST]);
    measured.doc.end();
    const length = measured.pages > 1 ? LONGEST : Math.ceil(measured.end + LAYOUTS.receipt80.margin);
    size = [80 * MM, length];
  }
  const { doc } = layOut(Pdf, blocks, title, paper, size);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
