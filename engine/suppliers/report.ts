// The `supplier_scorecard` report: one row per supplier over the period, with the
// figures of scorecard.ts, the score and the rating it gives, and a drill-down to
// the supplier's posted receipts.
import type { LocalizedText } from '../definitions/index';
import { defineReport, masterNames, objectSchema, paramSchemas, type ReportColumn } from '../reports/index';
import { computeScorecards, type ScorecardPeriod } from './scorecard';

const col = (key: string, zh: string, en: string, type: ReportColumn['type']): ReportColumn => ({
  key,
  title: { 'zh-CN': zh, en },
  type,
});
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/**
 * Built when an engine registers it, not at import: the reports capability and
 * the engine context import each other's modules, so its helpers may not be
 * initialised yet while this module loads.
 */
export const supplierScorecardReport = () =>
  defineReport<ScorecardPeriod>({
    key: 'supplier_scorecard',
    title: t('供应商评估', 'Supplier scorecard'),
    description: t(
      '准时率、合格率、价格趋势（对比上次价格和其他供应商）及综合评分；评级每日按最近 90 天自动更新',
      'On-time rate, quality, price trend against the last price and the other suppliers, and the score; ratings are updated daily from the last 90 days',
    ),
    params: objectSchema({ from: paramSchemas.from, to: paramSchemas.to, supplier: paramSchemas.supplier }),
    roles: ['purchaser', 'purchase_manager', 'finance_manager'],
    async run(ctx, params) {
      const cards = await computeScorecards(ctx.store, params);
      await ctx.progress(80);
      const names = await masterNames(
        ctx.store,
        'supplier',
        cards.map((c) => c.supplier),
      );
      const label = (id: string) => names.get(id)?.name ?? id;
      cards.sort(
        (a, b) => (b.score ?? -1) - (a.score ?? -1) || label(a.supplier).localeCompare(label(b.supplier), 'zh-CN'),
      );
      return {
        columns: [
          col('supplier', '供应商', 'Supplier', 'text'),
          col('code', '编码', 'Code', 'text'),
          col('orders', '采购单数', 'Orders', 'number'),
          col('receipts', '到货次数', 'Receipts', 'number'),
          col('onTimeRate', '准时率', 'On-time rate', 'percent'),
          col('acceptedQty', '合格数量', 'Accepted', 'number'),
          col('rejectedQty', '不合格数量', 'Rejected', 'number'),
          col('qualityRate', '合格率', 'Quality', 'percent'),
          col('priceChange', '较上次价格', 'vs. last price', 'percent'),
          col('priceVsOthers', '较其他供应商', 'vs. other suppliers', 'percent'),
          col('score', '综合评分', 'Score', 'number'),
          col('rating', '评级', 'Rating', 'number'),
        ],
        chart: { type: 'bar', x: 'supplier', y: ['score'] },
        rows: cards.map((c) => ({
          values: {
            supplier: label(c.supplier),
            code: names.get(c.supplier)?.code ?? '',
            orders: c.orders,
            receipts: c.receipts,
            onTimeRate: c.onTimeRate,
            acceptedQty: c.acceptedQty,
            rejectedQty: c.rejectedQty,
            qualityRate: c.qualityRate,
            priceChange: c.priceChange,
            priceVsOthers: c.priceVsOthers,
            score: c.score,
            rating: c.rating,
          },
          drill: {
            type: 'goods_receipt',
            query: {
              supplier: c.supplier,
              ...(params.from ? { from: params.from } : {}),
              ...(params.to ? { to: params.to } : {}),
            },
            states: ['posted'],
          },
        })),
      };
    },
  });
