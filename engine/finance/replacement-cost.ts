// The cost of an exchange's replacement goods (engine/aftersales), booked like a
// delivery's: one cost record per line in `sales_costs` — no revenue, the sale
// was invoiced once, so the gross margin shows what the exchange cost — and the
// voucher 借 主营业务成本 / 贷 库存商品 for the delivery. The returned goods come
// back through their sales return (借 库存商品 / 贷 主营业务成本), so an even
// exchange nets out in the ledger apart from a change in average cost. The moves
// are the case's (it issued them); issues and any undo both count, so what is
// left is what shipped. Exactly once: both are keyed by the delivery.
import type { DocumentRecord, EffectContext } from '../documents/index';
import { DuplicateKeyError } from '../errors';
import { MOVES, type MoveDoc } from '../inventory/index';
import { postingContext } from './posting-context';
import { SALES_COSTS, type SalesCostDoc } from './stock-postings';
import { SUMMARIES, summaryOf } from './summaries';
import { cogsLines } from './templates';
import { postVoucher } from './vouchers';

type Line = Record<string, unknown>;

export async function bookReplacementCost(
  ctx: EffectContext,
  input: { delivery: DocumentRecord; order: DocumentRecord; issuedBy: string },
): Promise<void> {
  const { delivery, order } = input;
  const moves = await ctx.store.collection<MoveDoc>(MOVES).find({ 'ref.id': input.issuedBy });
  const lines = Array.isArray(delivery.data.lines) ? (delivery.data.lines as Line[]) : [];
  const date = String(delivery.data.shipDate ?? ctx.event.at.toISOString().slice(0, 10));
  const costs = ctx.store.collection<SalesCostDoc>(SALES_COSTS);
  let total = 0;
  for (const [index, line] of lines.entries()) {
    const cogs = -moves.filter((m) => m.line === index).reduce((t, m) => t + (m.valueCents ?? 0), 0);
    total += cogs;
    try {
      await costs.insertOne({
        _id: `replacement:${delivery._id}/${index}`,
        order: order._id,
        orderNumber: order.number,
        line: index,
        product: String(line.product ?? ''),
        customer: String(order.data.customer ?? delivery.data.customer ?? ''),
        clerk: order.createdBy,
        date,
        qty: Math.round(Number(line.qty) * 1000),
        revenueCents: 0,
        cogsCents: cogs,
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
  await postVoucher(postingContext(ctx), {
    key: `replacement:${delivery._id}`,
    date,
    summary: summaryOf(SUMMARIES.replacementCost, delivery.number),
    source: { type: delivery.type, id: delivery._id, number: delivery.number },
    lines: cogsLines(total),
  });
}
