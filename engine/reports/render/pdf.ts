// PDF through pdfkit, with Noto Sans Hans from the @embedpdf/fonts-sc package
// (installed by npm, a full CJK glyph set), so no system font is needed. A plain
// table: title, parameters, header row, rows; pages break as they fill.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locale } from '../../definitions/index';
import type { Cell, ReportResult } from '../types';
import { headerRow, valueRows } from './cells';

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

const MARGIN = 40;
const ROW_HEIGHT = 18;

const text = (value: Cell): string => (value === null ? '' : String(value));

export async function renderPdf(
  result: ReportResult,
  input: { title: string; subtitle: string; locale: Locale },
): Promise<Buffer> {
  // Loaded on first use: pdfkit and its font code cost the engine's start-up a third of a second.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: result.columns.length > 6 ? 'landscape' : 'portrait',
      margin: MARGIN,
      info: { Title: input.title },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT);
    const width = doc.page.width - 2 * MARGIN;
    const colWidth = width / Math.max(1, result.columns.length);
    doc.fontSize(16).text(input.title, { align: 'left' });
    doc.fontSize(9).fillColor('#555555').text(input.subtitle).fillColor('#000000').moveDown(0.5);
    const drawRow = (cells: string[], bold: boolean) => {
      if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      doc.fontSize(bold ? 10 : 9);
      cells.forEach((cell, i) =>
        doc.text(cell, MARGIN + i * colWidth, y, {
          width: colWidth - 4,
          height: ROW_HEIGHT,
          ellipsis: true,
          lineBreak: false,
        }),
      );
      doc.x = MARGIN;
      doc.y = y + ROW_HEIGHT;
    };
    drawRow(headerRow(result, input.locale), true);
    for (const values of valueRows(result)) drawRow(values.map(text), false);
    doc.end();
  });
}
