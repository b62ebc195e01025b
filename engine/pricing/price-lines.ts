// Fills and checks the price and discount of each line of a priced document
// (see spec.ts) before it is computed and validated. A line without `price` gets
// the customer's price-group price; a line without `discount` gets the best
// promotion valid on the document's date. A user may type their own values, but
// only admins and the definition's `overrideRoles` may sell below the price list:
// for anyone else a unit price under the list price is a 422 on `/lines/N/price`,
// and a discount that takes the net price (price × (1 − discount)) under the
// list price less the promotion is a 422 on `/lines/N/discount`. A clerk may
// still quote 1000 at 10% off a product listed at 880.
import { type AppError, type FieldError } from '../errors';
import { fieldError, fieldErrorsParam, messageError, type MessageKey, type MessageParams } from '../messages/index';
import type { Definition } from '../definitions/index';
import type { RuleUser } from '../documents/index';
import { exactMul, exactSub } from '../money/index';
import type { ReadsById, Store } from '../store/index';
import { unitFactor } from '../units/index';
import { listPrice, loadPriceSources, promotionDiscount } from './price-sources';
import { pricingSpec, type PricingSpec } from './spec';

type Line = Record<string, unknown>;
interface Why {
  key: MessageKey;
  params: MessageParams;
}

export interface PriceLinesInput {
  def: Definition;
  data: Record<string, unknown>;
  user: RuleUser;
  now: Date;
  /**
   * On update, the caller's merge patch. Lines kept from before (the patch does not
   * replace them) are not checked again: a manager's price stays when a clerk edits the remark.
   */
  patch?: Record<string, unknown>;
  /** The request's reads by id, shared with its unit check and rule context (store/reads-by-id.ts). */
  reads?: ReadsById;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const absent = (v: unknown): boolean => v === undefined || v === null;
const isLine = (v: unknown): v is Line => typeof v === 'object' && v !== null && !Array.isArray(v);

function mayOverride(spec: PricingSpec, user: RuleUser): boolean {
  return user.roles.includes('admin') || user.roles.some((r) => spec.overrideRoles.includes(r));
}

/** The business day in China, where the shops are: a 07:30 order on the 2nd is the 2nd, not the 1st (UTC). */
function today(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function refused(errors: FieldError[]): AppError {
  return messageError('VALIDATION_FAILED.prices_below_allowed', { problems: fieldErrorsParam(errors) }, { errors });
}

/** Why a caller-priced line sells below the floor, or null. Non-numbers are left to schema validation. */
function belowFloor(line: Line, list: number, promo: number): { field: 'price' | 'discount'; why: Why } | null {
  const { price, discount } = line;
  if (typeof price !== 'number' || typeof discount !== 'number') return null;
  if (price < list) return { field: 'price', why: { key: 'VALIDATION_FAILED.below_list_price', params: { list } } };
  const net = exactMul(price, exactSub(1, discount));
  const floor = exactMul(list, exactSub(1, promo));
  if (net >= floor) return null;
  return {
    field: 'discount',
    why: { key: 'VALIDATION_FAILED.below_floor_price', params: { net, floor } },
  };
}

/** A new data object with prices and discounts filled in; `data` is not modified. */
export async function priceLines(store: Store, input: PriceLinesInput): Promise<Record<string, unknown>> {
  const spec = pricingSpec(input.def);
  const lines = spec ? input.data[spec.linesField] : undefined;
  if (!spec || !Array.isArray(lines)) return input.data;
  const productIds = [
    ...new Set(
      lines
        .filter(isLine)
        .map((l) => l.product)
        .filter((p): p is string => typeof p === 'string' && p !== ''),
    ),
  ];
  if (productIds.length === 0) return input.data;
  const customer = input.data[spec.customerField];
  const date = input.data[spec.dateField];
  const sources = await loadPriceSources(
    store,
    {
      customer: typeof customer === 'string' && customer !== '' ? customer : null,
      productIds,
      date: typeof date === 'string' && DAY.test(date) ? date : today(input.now),
    },
    input.reads,
  );
  const linesFromCaller = input.patch === undefined || Object.hasOwn(input.patch, spec.linesField);
  const check = linesFromCaller && !mayOverride(spec, input.user);
  const errors: FieldError[] = [];
  const priced = lines.map((raw, i) => {
    if (!isLine(raw) || typeof raw.product !== 'string') return raw;
    const basePrice = listPrice(sources, raw.product);
    if (basePrice === null) return raw; // unknown product: validation and references report it, not pricing
    // A line in 箱 (= 12 件) is priced per 箱; an unknown unit is reported by checkLineUnits, not here.
    const factor = unitFactor(sources.products.get(raw.product)?.data ?? {}, raw.unit);
    if (factor === null) return raw;
    const list = exactMul(basePrice, factor.toNumber());
    const promo = promotionDiscount(sources, raw.product);
    const line: Line = { ...raw };
    if (absent(line.price)) line.price = list;
    if (absent(line.discount)) line.discount = promo;
    const error = check ? belowFloor(line, list, promo) : null;
    if (error) errors.push(fieldError(`/${spec.linesField}/${i}/${error.field}`, error.why.key, error.why.params));
    return line;
  });
  if (errors.length > 0) throw refused(errors);
  return { ...input.data, [spec.linesField]: priced };
}
