// The variance report of a stocktake (盘点差异表): per counted line the book
// quantity, the counted quantity and the variance (counted − book; negative is a
// loss 盘亏, positive a gain 盘盈).
// - Posted: read from the stocktake's `adjust` operation, which fixed each line's
//   variance when it moved the book (plan-incoming.ts planAdjust keeps it in the
//   first piece's memo). So the report shows what was booked, however stock moved
//   afterwards; a line that matched the book has no piece and a variance of 0.
// - Not posted yet: a preview against the current book.
import { documentsCollection, type DocumentRecord } from '../documents/index';
import type { Store } from '../store/index';
import { readRows } from './levels';
import { toMilli, toUnits } from './quantity';
import { OPERATIONS, type OperationDoc } from './types';

export interface VarianceLine {
  line: number;
  product: string;
  sku?: string;
  name?: string;
  batch?: string;
  book: number;
  counted: number;
  variance: number;
}

export interface VarianceReport {
  stocktake: { id: string; number: string; state: string; warehouse: string; countDate?: string };
  /** `posted`: the variances booked by posting; `preview`: against the current book, nothing booked yet. */
  basis: 'posted' | 'preview';
  lines: VarianceLine[];
  /** Sums of the gains, of the losses (negative) and of both. */
  totals: { gain: number; loss: number; net: number };
}

type Line = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

async function postedOperation(store: Store, stocktakeId: string): Promise<OperationDoc | null> {
  const ops = await store
    .collection<OperationDoc>(OPERATIONS)
    .find({ 'spec.ref.id': stocktakeId, 'spec.kind': 'adjust', status: 'done' }, { sort: { createdAt: -1 }, limit: 1 });
  return ops[0] ?? null;
}

/** Book, counted, variance (milli-units) per line as the posting booked them. */
function bookedLines(op: OperationDoc): Array<{ counted: number; variance: number }> {
  return op.spec.lines.map((input, line) => {
    const first = op.pieces.find(
      (p) => p.line === line && p.undoes === undefined && !p.refused && p.memo?.variance !== undefined,
    );
    return { counted: input.counted ?? 0, variance: first?.memo?.variance ?? 0 };
  });
}

async function previewLines(
  store: Store,
  warehouse: string,
  lines: Line[],
): Promise<Array<{ counted: number; variance: number }>> {
  const out: Array<{ counted: number; variance: number }> = [];
  for (const [i, line] of lines.entries()) {
    const batch = text(line.batch);
    const rows = (await readRows(store, String(line.product ?? ''), warehouse)).filter(
      (r) => batch === undefined || r.batch === batch,
    );
    const book = rows.reduce((sum, r) => sum + r.onHand, 0);
    const counted = toMilli(line.countedQty ?? 0, `/lines/${i}/countedQty`);
    out.push({ counted, variance: counted - book });
  }
  return out;
}

async function productsById(store: Store, ids: string[]): Promise<Map<string, DocumentRecord>> {
  const docs = await documentsCollection(store, 'product').find({ _id: { $in: [...new Set(ids)] } });
  return new Map(docs.map((d) => [d._id, d]));
}

export async function stocktakeVariance(store: Store, stocktake: DocumentRecord): Promise<VarianceReport> {
  const warehouse = String(stocktake.data.warehouse ?? '');
  const lines = (Array.isArray(stocktake.data.lines) ? stocktake.data.lines : []) as Line[];
  const op = await postedOperation(store, stocktake._id);
  const figures = op ? bookedLines(op) : await previewLines(store, warehouse, lines);
  const products = await productsById(
    store,
    lines.map((l) => String(l.product ?? '')),
  );
  const report: VarianceLine[] = lines.map((line, i) => {
    const product = String(line.product ?? '');
    const { counted, variance } = figures[i] ?? { counted: 0, variance: 0 };
    const doc = products.get(product);
    const out: VarianceLine = {
      line: i,
      product,
      book: toUnits(counted - variance),
      counted: toUnits(counted),
      variance: toUnits(variance),
    };
    const sku = text(doc?.data.sku);
    const name = text(doc?.data.name);
    const batch = text(line.batch);
    if (sku) out.sku = sku;
    if (name) out.name = name;
    if (batch) out.batch = batch;
    return out;
  });
  const gain = figures.reduce((sum, f) => sum + Math.max(0, f.variance), 0);
  const loss = figures.reduce((sum, f) => sum + Math.min(0, f.variance), 0);
  return {
    stocktake: {
      id: stocktake._id,
      number: stocktake.number,
      state: stocktake.state,
      warehouse,
      ...(text(stocktake.data.countDate) ? { countDate: text(stocktake.data.countDate) } : {}),
    },
    basis: op ? 'posted' : 'preview',
    lines: report,
    totals: { gain: toUnits(gain), loss: toUnits(loss), net: toUnits(gain + loss) },
  };
}
