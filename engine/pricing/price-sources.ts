// Where default prices come from: the customer's price group, the product's
// price for that group (`groupPrices`, else its plain `price`), and promotion
// master data — active, valid on the document's date, for the product, its
// category, or (neither set) every product. Overlapping promotions do not stack:
// the largest discount wins, which is what a customer would ask for at the till.
import { documentsCollectionName } from '../definitions/index';
import type { DocumentRecord } from '../documents/index';
import { readsById, type ReadsById, type Store } from '../store/index';

export interface PriceSources {
  priceGroup: string | null;
  products: Map<string, DocumentRecord>;
  promotions: DocumentRecord[];
}

/** A type's documents, read straight from its collection (pricing sits below documents). */
const documents = (store: Store, type: string) => store.collection<DocumentRecord>(documentsCollectionName(type));

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function loadPriceSources(
  store: Store,
  input: { customer: string | null; productIds: string[]; date: string },
  reads: ReadsById = readsById(store),
): Promise<PriceSources> {
  const [customer] = input.customer
    ? await reads.byIds<DocumentRecord>(documentsCollectionName('customer'), [input.customer])
    : [];
  const products =
    input.productIds.length > 0
      ? await reads.byIds<DocumentRecord>(documentsCollectionName('product'), input.productIds)
      : [];
  // Promotions running on one day are few; the product/category match is done here, not in the query.
  const running = () =>
    documents(store, 'promotion').find({
      state: 'active',
      'data.validFrom': { $lte: input.date },
      'data.validTo': { $gte: input.date },
    });
  // Promotions change seldom and every priced line asks: kept until the next write where only this process
  // writes the store (store.readThrough); the documents are shared, and nothing here changes them.
  const promotions = store.readThrough
    ? await store.readThrough(documentsCollectionName('promotion'), `running:${input.date}`, running)
    : await running();
  return {
    priceGroup: text(customer?.data.priceGroup),
    products: new Map(products.map((p) => [p._id, p])),
    promotions,
  };
}

/** The price-list price of a product for a price group; null for an unknown product. */
export function listPrice(sources: PriceSources, productId: string): number | null {
  const product = sources.products.get(productId);
  if (!product) return null;
  const groups = Array.isArray(product.data.groupPrices)
    ? (product.data.groupPrices as Array<Record<string, unknown>>)
    : [];
  const entry = groups.find((g) => g && g.priceGroup === sources.priceGroup && num(g.price) !== null);
  return entry ? (entry.price as number) : (num(product.data.price) ?? 0);
}

/** The best promotion discount (0–1) for a product; 0 when none applies. */
export function promotionDiscount(sources: PriceSources, productId: string): number {
  const category = text(sources.products.get(productId)?.data.category);
  let best = 0;
  for (const promo of sources.promotions) {
    const forProduct = text(promo.data.product);
    const forCategory = text(promo.data.category);
    if (forProduct !== null && forProduct !== productId) continue;
    if (forCategory !== null && forCategory !== category) continue;
    best = Math.max(best, num(promo.data.discount) ?? 0);
  }
  return best;
}
