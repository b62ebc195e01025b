// Cell values in and out. Import turns what Excel holds (numbers, text, dates,
// rich text, formula results) into the JSON a field's schema expects, and leaves
// anything it cannot read as it was so the definition's validator reports it
// with the same message the API gives. Export turns stored values into cells a
// person reads: choice labels, 是/否, real numbers and dates.
import type { CellValue } from 'exceljs';
import type { JsonSchema, Locale, LocalizedText } from '../definitions/index';

type Scalar = string | number | boolean | Date | null;

/** What a cell shows, reduced to a scalar: rich text joined, formulas by their result, errors as empty. */
export function plainCell(value: CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return plainCell(value.richText.map((r) => r.text).join(''));
    if ('result' in value) return plainCell(value.result ?? null);
    if ('text' in value && typeof value.text === 'string') return plainCell(value.text);
  }
  return null;
}

interface Choice {
  const: unknown;
  labels: string[];
}

function choicesOf(schema: JsonSchema): Choice[] {
  if (Array.isArray(schema.oneOf)) {
    return (schema.oneOf as JsonSchema[]).map((o) => {
      const t = o['x-title'] as LocalizedText | undefined;
      return {
        const: o.const,
        labels: [String(o.const), typeof o.title === 'string' ? o.title : '', t?.['zh-CN'] ?? '', t?.en ?? ''],
      };
    });
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ const: v, labels: [String(v)] }));
  return [];
}

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type)
    ? (schema.type as string[]).find((t) => t !== 'null')
    : (schema.type as string | undefined);

/** A date cell is midnight UTC of the day Excel shows (exceljs reads serials as UTC). */
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '√']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不', '×']);

/** The JSON value for a field, or the cell's text when it does not fit (the validator then says why). */
export function fromCell(cell: Scalar, schema: JsonSchema): unknown {
  if (cell === null) return undefined;
  const choices = choicesOf(schema);
  if (choices.length > 0) {
    const text = cell instanceof Date ? dayOf(cell) : String(cell).trim().toLowerCase();
    const hit = choices.find((c) => c.labels.some((l) => l !== '' && l.toLowerCase() === text));
    if (hit) return hit.const;
  }
  switch (typeOf(schema)) {
    case 'number':
    case 'integer': {
      if (typeof cell === 'number') return cell;
      const text = String(cell).replace(/,/g, '').trim();
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : String(cell);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const text = String(cell).trim().toLowerCase();
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      return String(cell);
    }
    default:
      if (cell instanceof Date) return schema.format === 'date-time' ? cell.toISOString() : dayOf(cell);
      return String(cell);
  }
}

/** A stored value as a cell, in the caller's language. */
export function toCell(value: unknown, schema: JsonSchema | undefined, locale: Locale): CellValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value;
  if (schema) {
    const choice = Array.isArray(schema.oneOf)
      ? (schema.oneOf as JsonSchema[]).find((o) => o.const === value)
      : undefined;
    const label = choice?.['x-title'] as LocalizedText | undefined;
    if (label) return label[locale];
    if (typeof value === 'boolean') return locale === 'zh-CN' ? (value ? '是' : '否') : value ? 'Yes' : 'No';
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
