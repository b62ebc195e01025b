// `trial_balance` (试算平衡表): per account, the opening balance (everything
// before `from`), the period's debits and credits and the closing balance, from
// the vouchers. Totals of debits and credits are equal because every voucher is.
import { documentsCollection } from '../../documents/index';
import { defineReport, objectSchema, paramSchemas } from '../../reports/index';
import { voucherText } from '../summaries';
import { VOUCHER } from '../vouchers';
import { col, FINANCE_ROLES, t, yuan } from './common';

interface Params {
  from?: string;
  to?: string;
}

interface VoucherLine {
  account: string;
  accountName: string;
  accountNameEn?: string;
  debit: number;
  credit: number;
}

interface Sums {
  name: string;
  opening: number;
  debit: number;
  credit: number;
}

const cents = (v: number): number => Math.round(v * 100);

export const trialBalance = defineReport<Params>({
  key: 'trial_balance',
  title: t('试算平衡表', 'Trial balance'),
  params: objectSchema({ from: paramSchemas.from, to: paramSchemas.to }),
  roles: FINANCE_ROLES,
  async run(ctx, params) {
    const filter: Record<string, unknown> = {};
    if (params.to) filter['data.voucherDate'] = { $lte: params.to };
    const vouchers = await documentsCollection(ctx.store, VOUCHER).find(filter);
    const accounts = new Map<string, Sums>();
    for (const v of vouchers) {
      const before = params.from !== undefined && String(v.data.voucherDate) < params.from;
      for (const line of (v.data.lines ?? []) as VoucherLine[]) {
        const s = accounts.get(line.account) ?? {
          name: voucherText(line.accountName, line.accountNameEn, ctx.locale),
          opening: 0,
          debit: 0,
          credit: 0,
        };
        if (before) s.opening += cents(line.debit) - cents(line.credit);
        else {
          s.debit += cents(line.debit);
          s.credit += cents(line.credit);
        }
        accounts.set(line.account, s);
      }
    }
    const rows = [...accounts].sort(([a], [b]) => (a < b ? -1 : 1));
    const sum = (pick: (s: Sums) => number) => rows.reduce((total, [, s]) => total + pick(s), 0);
    const closing = (s: Sums) => s.opening + s.debit - s.credit;
    return {
      columns: [
        col('account', '科目编码', 'Account', 'text'),
        col('accountName', '科目名称', 'Account name', 'text'),
        col('openingDebit', '期初借方', 'Opening debit', 'money'),
        col('openingCredit', '期初贷方', 'Opening credit', 'money'),
        col('debit', '本期借方', 'Period debit', 'money'),
        col('credit', '本期贷方', 'Period credit', 'money'),
        col('closingDebit', '期末借方', 'Closing debit', 'money'),
        col('closingCredit', '期末贷方', 'Closing credit', 'money'),
      ],
      rows: rows.map(([account, s]) => ({
        values: {
          account,
          accountName: s.name,
          openingDebit: yuan(Math.max(s.opening, 0)),
          openingCredit: yuan(Math.max(-s.opening, 0)),
          debit: yuan(s.debit),
          credit: yuan(s.credit),
          closingDebit: yuan(Math.max(closing(s), 0)),
          closingCredit: yuan(Math.max(-closing(s), 0)),
        },
        drill: { type: VOUCHER, query: {} },
      })),
      totals: {
        openingDebit: yuan(sum((s) => Math.max(s.opening, 0))),
        openingCredit: yuan(sum((s) => Math.max(-s.opening, 0))),
        debit: yuan(sum((s) => s.debit)),
        credit: yuan(sum((s) => s.credit)),
        closingDebit: yuan(sum((s) => Math.max(closing(s), 0))),
        closingCredit: yuan(sum((s) => Math.max(-closing(s), 0))),
      },
    };
  },
});
