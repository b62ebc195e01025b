// Lines of a document, in base units: for the stock effects (a line of 2 箱 of a
// product with 箱 = 12 件 reserves 24 件), the receipt check against a purchase
// order in 箱, and the checks on create and edit (an unknown unit, or a base
// quantity the product cannot be split into, is a 422 naming the line's field).
import { documentsCollectionName, type Definition, type JsonSchema } from '../definitions/index';
import type { DocumentRecord } from '../documents/index';
import { type AppError, type FieldError } from '../errors';
import { fieldError, fieldErrorsParam, messageError } from '../messages/index';
import { readsById, type ReadsById, type Store } from '../store/index';
import { knownUnits, toBaseQty, type BaseQty, type ProductData } from './convert';

type Line = Record<string, unknown>;

const unitOf = (line: Line): string | undefined =>
  typeof line.unit === 'string' && line.unit.trim() !== '' ? line.unit.trim() : undefined;

async function productsOf(reads: ReadsById, ids: string[]): Promise<Map<string, ProductData>> {
  if (ids.length === 0) return new Map();
  const docs = await reads.byIds<DocumentRecord>(documentsCollectionName('product'), ids);
  return new Map(docs.map((d) => [d._id, d.data]));
}

/**
 * The lines with `qty` (or the named quantity fields) in the base unit and `unit`
 * dropped. Lines without a unit are returned as they are, without reading products.
 * A unit that cannot be converted here was refused when the document was saved;
 * should it appear anyway (the product changed since), it is refused now.
 */
export async function linesInBaseUnits<T extends { product: string; unit?: string }>(
  store: Store,
  lines: T[],
  qtyFields: Array<keyof T & string> = ['qty' as keyof T & string],
  reads: ReadsById = readsById(store),
): Promise<T[]> {
  const withUnit = lines.filter((l) => unitOf(l as Line) !== undefined);
  if (withUnit.length === 0) return lines;
  const products = await productsOf(
    reads,
    withUnit.map((l) => l.product),
  );
  const errors: FieldError[] = [];
  const out = lines.map((line, i) => {
    const unit = unitOf(line);
    if (unit === undefined) return line;
    const product = products.get(line.product);
    const converted: Line = { ...line };
    delete converted.unit;
    for (const field of qtyFields) {
      const qty = (line as Line)[field];
      if (typeof qty !== 'number' && typeof qty !== 'string') continue;
      const base = product ? toBaseQty(product, qty, unit) : null;
      if (base?.ok) converted[field] = base.qty.toString();
      else errors.push(unitError(i, field, product, qty, unit, base));
    }
    return converted as T;
  });
  if (errors.length > 0) throw refused(errors);
  return out;
}

function unitError(
  i: number,
  field: string,
  product: ProductData | undefined,
  qty: number | string,
  unit: string,
  base: BaseQty | null,
): FieldError {
  const name = typeof product?.name === 'string' ? product.name : '';
  if (!product || !base || base.ok || base.reason === 'unknown_unit') {
    const known = product ? knownUnits(product).join('、') : '';
    return fieldError(`/lines/${i}/unit`, 'VALIDATION_FAILED.unknown_unit', { unit, product: name, known });
  }
  return fieldError(`/lines/${i}/${field}`, 'VALIDATION_FAILED.fractional_base_qty', {
    qty: String(qty),
    unit,
    base: base.qty.toString(),
    baseUnit: typeof product.unit === 'string' ? product.unit : '',
    product: name,
  });
}

function refused(errors: FieldError[]): AppError {
  return messageError('VALIDATION_FAILED.line_units', { problems: fieldErrorsParam(errors) }, { errors });
}

/** Whether the definition's lines declare a `unit` (sales and purchase orders, quotations). */
function linesHaveUnit(def: Definition): boolean {
  const properties0 = def.schema.properties as Record<string, JsonSchema> | undefined;
  const lines = properties0?.lines;
  const items = lines?.items as JsonSchema | undefined;
  const properties = items?.properties as Record<string, unknown> | undefined;
  return properties !== undefined && 'unit' in properties;
}

/** Refuses (422) a line whose unit the product does not have, or whose base quantity it cannot be split into. */
export async function checkLineUnits(
  store: Store,
  def: Definition,
  data: Record<string, unknown>,
  reads?: ReadsById,
): Promise<void> {
  const all = data.lines;
  if (!linesHaveUnit(def) || !Array.isArray(all)) return;
  const lines = (all as unknown[]).filter(
    (l): l is { product: string; unit?: string } =>
      typeof l === 'object' && l !== null && typeof (l as Line).product === 'string',
  );
  if (lines.length === all.length) await linesInBaseUnits(store, lines, undefined, reads);
}
