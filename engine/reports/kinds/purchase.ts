// Purchasing reports: what was ordered from whom (purchase orders, approved and
// later), and how suppliers perform (from posted goods receipts): on-time rate
// against the order's expected date, accepted/rejected ratio, price trend.
import { documentsCollection } from '../../documents/index';
import {
  drillQuery,
  equalsFilter,
  masterNames,
  money,
  objectSchema,
  paramSchemas,
  periodFilter,
  productsInCategory,
  PURCHASED_STATES,
  qty,
  ratio,
  type CommonParams,
} from '../params';
import { bilingual as t, defineReport, reportColumn as col } from '../types';

const PURCHASE_ROLES = ['purchaser', 'purchase_manager', 'finance_manager'];

const purchaseFilters = {
  from: paramSchemas.from,
  to: paramSchemas.to,
  warehouse: paramSchemas.warehouse,
  supplier: paramSchemas.supplier,
  category: paramSchemas.category,
};

export const purchaseSummary = defineReport<CommonParams>({
  key: 'purchase_summary',
  title: t('采购汇总', 'Purchase summary'),
  params: objectSchema(purchaseFilters),
  roles: PURCHASE_ROLES,
  async run(ctx, params) {
    const products = await productsInCategory(ctx.store, params.category);
    const groups = await documentsCollection(ctx.store, 'purchase_order').aggregate<{
      _id: string;
      amount: number;
      qty: number;
      orders: string[];
    }>([
      {
        $match: {
          state: { $in: PURCHASED_STATES },
          ...periodFilter('data.orderDate', params),
          ...equalsFilter([
            ['data.warehouse', params.warehouse],
            ['data.supplier', params.supplier],
          ]),
        },
      },
      { $unwind: '$data.lines' },
      ...(products ? [{ $match: { 'data.lines.product': { $in: products } } }] : []),
      {
        $group: {
          _id: '$data.supplier',
          amount: { $sum: '$data.lines.amount' },
          qty: { $sum: '$data.lines.qty' },
          orders: { $addToSet: '$_id' },
        },
      },
      { $sort: { amount: -1, _id: 1 } },
    ]);
    const names = await masterNames(
      ctx.store,
      'supplier',
      groups.map((g) => g._id),
    );
    return {
      columns: [
        col('supplier', '供应商', 'Supplier', 'text'),
        col('orders', '订单数', 'Orders', 'number'),
        col('qty', '数量', 'Quantity', 'number'),
        col('amount', '采购额', 'Amount', 'money'),
      ],
      chart: { type: 'bar', x: 'supplier', y: ['amount'] },
      rows: groups.map((g) => ({
        values: {
          supplier: names.get(g._id)?.name ?? g._id,
          orders: g.orders.length,
          qty: qty(g.qty),
          amount: money(g.amount),
        },
        drill: { type: 'purchase_order', query: drillQuery(params, { supplier: g._id }), states: PURCHASED_STATES },
      })),
    };
  },
});

interface ReceiptGroup {
  _id: { supplier: string; purchaseOrder: string | null; receiptDate: string };
  accepted: number;
  rejected: number;
  receipts: number;
}

export const supplierPerformance = defineReport<CommonParams>({
  key: 'supplier_performance',
  title: t('供应商绩效', 'Supplier performance'),
  params: objectSchema({ from: paramSchemas.from, to: paramSchemas.to, supplier: paramSchemas.supplier }),
  roles: PURCHASE_ROLES,
  async run(ctx, params) {
    const receipts = await documentsCollection(ctx.store, 'goods_receipt').aggregate<ReceiptGroup>([
      {
        $match: {
          state: 'posted',
          ...periodFilter('data.receiptDate', params),
          ...equalsFilter([['data.supplier', params.supplier]]),
        },
      },
      { $unwind: '$data.lines' },
      {
        $group: {
          _id: { supplier: '$data.supplier', purchaseOrder: '$data.purchaseOrder', receiptDate: '$data.receiptDate' },
          accepted: { $sum: '$data.lines.acceptedQty' },
          rejected: { $sum: '$data.lines.rejectedQty' },
          receipts: { $addToSet: '$_id' },
        },
      },
      { $project: { accepted: 1, rejected: 1, receipts: { $size: '$receipts' } } },
    ]);
    await ctx.progress(40);
    const orderIds = [
      ...new Set(receipts.map((r) => r._id.purchaseOrder).filter((id): id is string => typeof id === 'string')),
    ];
    const orders =
      orderIds.length > 0
        ? await documentsCollection(ctx.store, 'purchase_order').find({ _id: { $in: orderIds } })
        : [];
    const expected = new Map(orders.map((o) => [o._id, (o.data as { expectedDate?: string }).expectedDate]));
    // Weighted unit price per supplier and month, for the trend (first month → last).
    const prices = await documentsCollection(ctx.store, 'purchase_order').aggregate<{
      _id: { supplier: string; month: string };
      amount: number;
      qty: number;
    }>([
      {
        $match: {
          state: { $in: PURCHASED_STATES },
          ...periodFilter('data.orderDate', params),
          ...equalsFilter([['data.supplier', params.supplier]]),
        },
      },
      { $unwind: '$data.lines' },
      {
        $group: {
          _id: { supplier: '$data.supplier', month: { $substrCP: ['$data.orderDate', 0, 7] } },
          amount: { $sum: '$data.lines.amount' },
          qty: { $sum: '$data.lines.qty' },
        },
      },
      { $sort: { '_id.month': 1 } },
    ]);
    const stats = new Map<
      string,
      {
        accepted: number;
        rejected: number;
        receipts: number;
        timed: number;
        onTime: number;
        firstPrice?: number;
        lastPrice?: number;
      }
    >();
    const statOf = (supplier: string) => {
      const found = stats.get(supplier) ?? { accepted: 0, rejected: 0, receipts: 0, timed: 0, onTime: 0 };
      stats.set(supplier, found);
      return found;
    };
    for (const r of receipts) {
      const s = statOf(r._id.supplier);
      s.accepted += r.accepted;
      s.rejected += r.rejected;
      s.receipts += r.receipts;
      const due = r._id.purchaseOrder ? expected.get(r._id.purchaseOrder) : undefined;
      if (due) {
        s.timed += r.receipts;
        if (r._id.receiptDate <= due) s.onTime += r.receipts;
      }
    }
    for (const p of prices) {
      if (p.qty === 0) continue;
      const s = statOf(p._id.supplier);
      const unit = p.amount / p.qty;
      s.firstPrice ??= unit;
      s.lastPrice = unit;
    }
    const names = await masterNames(ctx.store, 'supplier', [...stats.keys()]);
    const rows = [...stats.entries()].sort(([a], [b]) =>
      (names.get(a)?.name ?? a).localeCompare(names.get(b)?.name ?? b, 'zh-CN'),
    );
    return {
      columns: [
        col('supplier', '供应商', 'Supplier', 'text'),
        col('receipts', '到货次数', 'Receipts', 'number'),
        col('onTimeRate', '准时率', 'On-time rate', 'percent'),
        col('acceptedQty', '合格数量', 'Accepted', 'number'),
        col('rejectedQty', '拒收数量', 'Rejected', 'number'),
        col('acceptedRate', '合格率', 'Accepted rate', 'percent'),
        col('firstPrice', '期初单价', 'First unit price', 'money'),
        col('lastPrice', '期末单价', 'Last unit price', 'money'),
        col('priceChange', '价格变动', 'Price change', 'percent'),
      ],
      chart: { type: 'bar', x: 'supplier', y: ['onTimeRate', 'acceptedRate'] },
      rows: rows.map(([supplier, s]) => ({
        values: {
          supplier: names.get(supplier)?.name ?? supplier,
          receipts: s.receipts,
          onTimeRate: ratio(s.onTime, s.timed),
          acceptedQty: qty(s.accepted),
          rejectedQty: qty(s.rejected),
          acceptedRate: ratio(s.accepted, s.accepted + s.rejected),
          firstPrice: s.firstPrice === undefined ? null : money(s.firstPrice),
          lastPrice: s.lastPrice === undefined ? null : money(s.lastPrice),
          priceChange:
            s.firstPrice === undefined || s.lastPrice === undefined
              ? null
              : ratio(s.lastPrice - s.firstPrice, s.firstPrice),
        },
        drill: { type: 'goods_receipt', query: drillQuery(params, { supplier }), states: ['posted'] },
      })),
    };
  },
});
