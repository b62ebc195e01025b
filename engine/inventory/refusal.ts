// The error a refused operation throws: zh-CN first, naming the product and the
// warehouse as people know them (name and SKU / code), with the quantities in
// units as extra problem members.
import { documentsCollection } from '../documents/index';
import { AppError } from '../errors';
import { renderMessage } from '../messages/index';
import type { Store } from '../store/index';
import { toUnits } from './quantity';
import type { Refusal } from './types';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "name (code)" of a master-data document, or its id when it cannot be found. */
async function displayName(store: Store, type: 'product' | 'warehouse', id: string): Promise<string> {
  const doc = await documentsCollection(store, type).findById(id);
  const name = text(doc?.data?.name);
  const code = text(doc?.data?.[type === 'product' ? 'sku' : 'code']);
  if (name && code) return `${name} (${code})`;
  return name ?? code ?? id;
}

export async function refusalError(store: Store, refusal: Refusal): Promise<AppError> {
  const [product, warehouse] = await Promise.all([
    displayName(store, 'product', refusal.product),
    displayName(store, 'warehouse', refusal.warehouse),
  ]);
  const requested = toUnits(refusal.requested);
  const available = toUnits(refusal.available);
  const params = { product, warehouse, available, requested };
  return new AppError('RULE_FAILED', renderMessage('RULE_FAILED.insufficient_stock', 'en', params), {
    key: 'RULE_FAILED.insufficient_stock',
    params,
    extra: {
      product: refusal.product,
      warehouse: refusal.warehouse,
      productName: product,
      warehouseName: warehouse,
      requested,
      available,
      line: refusal.line,
    },
  });
}
