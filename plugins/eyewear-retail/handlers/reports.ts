// Report kinds: the daily cash-up (收银日结) per payment method, and the recall
// list (recall.ts).
import { recallList } from './recall';
import { lines, num, str, type PluginApi, type PluginContributions } from './types';

export function reportKinds(api: PluginApi): NonNullable<PluginContributions['reports']> {
  return {
    eyewear_cash_up: {
      title: { 'zh-CN': '收银日结', en: 'Daily cash-up' },
      async run({ store, now }, params) {
        const date = str(params.date) ?? api.businessDate(now);
        const sales = await api.documents(store, 'counter_sale').find({ state: 'completed', 'data.saleDate': date });
        const totals = new Map<string, { amount: InstanceType<PluginApi['Decimal']>; count: number }>();
        for (const sale of sales) {
          for (const p of lines(sale.data, 'payments')) {
            const method = String(p.method);
            const entry = totals.get(method) ?? { amount: new api.Decimal(0), count: 0 };
            entry.amount = entry.amount.plus(num(p.amount) ?? 0);
            entry.count += 1;
            totals.set(method, entry);
          }
        }
        return [...totals.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([method, t]) => ({ date, method, amount: t.amount.toNumber(), payments: t.count }));
      },
    },
    eyewear_recall: {
      title: { 'zh-CN': '复查回访名单', en: 'Recall list' },
      params: {
        type: 'object',
        properties: { days: { type: 'integer', minimum: 0, maximum: 366, default: 30 } },
      },
      async run({ store, now }, params) {
        // From the query string the number comes as text.
        const asked = Number(params.days ?? 30);
        const days = Number.isFinite(asked) ? Math.min(366, Math.max(0, Math.trunc(asked))) : 30;
        return (await recallList(api, store, now, days)).map((row) => ({ ...row }));
      },
    },
  };
}
