// Report kinds: the daily cash-up (收银日结) per payment method, and the recall
// list of customers whose prescription expires within N days.
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
      async run({ store, now }, params) {
        const today = api.businessDate(now);
        const until = api.addDays(today, Math.trunc(num(params.days) ?? 30)) ?? today;
        const due = await api
          .documents(store, 'prescription')
          .find({ state: 'valid', 'data.validUntil': { $lte: until } }, { sort: { 'data.validUntil': 1 } });
        return due.map((rx) => ({
          customer: rx.data.customer,
          prescription: rx.number,
          validUntil: rx.data.validUntil,
          overdue: String(rx.data.validUntil) < today,
        }));
      },
    },
  };
}
