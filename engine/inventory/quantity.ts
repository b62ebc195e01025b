// Quantities are stored as integers in thousandths of the product's unit
// ("milli-units"): 1.5 kg is 1500. Sums and guards on integers never drift the
// way 0.1 + 0.2 does, and both store adapters compare and $inc them exactly.
// Callers and the API speak in units; only this file converts.
import Decimal from 'decimal.js';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';

export const QTY_SCALE = 1000;
const SCALE_DIGITS = 3;

/** Units (number or decimal string) → milli-units; refuses more than 3 decimals or non-numbers. */
export function toMilli(value: unknown, path = '/qty'): number {
  let parsed: Decimal | null = null;
  if (typeof value === 'number' && Number.isFinite(value)) parsed = new Decimal(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) parsed = new Decimal(value.trim());
  if (!parsed || parsed.decimalPlaces() > SCALE_DIGITS) {
    throw new AppError('VALIDATION_FAILED', `Invalid quantity (at most ${SCALE_DIGITS} decimals)`, {
      key: 'VALIDATION_FAILED.invalid_quantity',
      params: { digits: SCALE_DIGITS },
      errors: [fieldError(path, 'VALIDATION_FAILED.qty_decimals', { digits: SCALE_DIGITS })],
    });
  }
  const milli = parsed.mul(QTY_SCALE).toNumber();
  if (!Number.isSafeInteger(milli)) {
    throw new AppError('VALIDATION_FAILED', 'Quantity too large', {
      key: 'VALIDATION_FAILED.quantity_too_large',
      errors: [fieldError(path, 'VALIDATION_FAILED.too_large')],
    });
  }
  return milli;
}

/** Like toMilli, and the quantity must be above zero. */
export function toPositiveMilli(value: unknown, path = '/qty'): number {
  const milli = toMilli(value, path);
  if (milli <= 0) {
    throw new AppError('VALIDATION_FAILED', 'Quantity must be greater than 0', {
      key: 'VALIDATION_FAILED.quantity_not_positive',
      errors: [fieldError(path, 'VALIDATION_FAILED.must_be_positive')],
    });
  }
  return milli;
}

/** Milli-units → units, exact for every integer input. */
export const toUnits = (milli: number): number => new Decimal(milli).div(QTY_SCALE).toNumber();
