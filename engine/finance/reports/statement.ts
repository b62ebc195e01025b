// `customer_statement` and `supplier_statement` (对账单): for one party and a
// period, the opening balance, each invoice, reversal and receipt or payment with
// the running balance, and the closing balance — printable and exportable like
// every report (CSV, XLSX, PDF). One report shape for both sides (ledger.ts).
import type { LocalizedText } from '../../definitions/index';
import { defineReport, masterNames, objectSchema, paramSchemas } from '../../reports/index';
import { AP, AR, ledgerEntries, type EntryKind, type Side } from '../ledger';
import { col, sideReports, t, yuan } from './common';

type Params = { from?: string; to?: string } & Partial<Record<'customer' | 'supplier', string>>;

const KIND_LABEL: Record<EntryKind, string> = {
  invoice: '发票',
  reversal: '红字冲销',
  receipt: '收款',
  payment: '付款',
  credit_applied: '冲预收/预付',
  credit: '退货贷项',
};

/** The titles of the debit and credit columns: what raises and what settles the side's balance. */
type Movements = Record<'debit' | 'credit', [zh: string, en: string]>;

function statementReport(side: Side, key: string, title: LocalizedText, movements: Movements) {
  const { roles } = sideReports(side);
  return defineReport<Params>({
    key,
    title,
    params: objectSchema({ [side.party]: paramSchemas[side.party], from: paramSchemas.from, to: paramSchemas.to }, [
      side.party,
    ]),
    roles,
    async run(ctx, params) {
      const party = String(params[side.party]);
      const entries = (await ledgerEntries(ctx.store, side).find({ [side.party]: party }))
        .filter((e) => e.kind !== 'credit_applied')
        .sort((a, b) => (a.date === b.date ? a.at.getTime() - b.at.getTime() : a.date < b.date ? -1 : 1));
      const before = entries.filter((e) => params.from !== undefined && e.date < params.from);
      const within = entries.filter(
        (e) => (params.from === undefined || e.date >= params.from) && (params.to === undefined || e.date <= params.to),
      );
      const opening = before.reduce((s, e) => s + e.debitCents - e.creditCents, 0);
      let balance = opening;
      const rows = within.map((e) => {
        balance += e.debitCents - e.creditCents;
        return {
          values: {
            date: e.date,
            kind: KIND_LABEL[e.kind],
            number: e.doc.number,
            debit: yuan(e.debitCents),
            credit: yuan(e.creditCents),
            balance: yuan(balance),
          },
          drill: { type: e.doc.type, query: { q: e.doc.number } },
        };
      });
      const name = (await masterNames(ctx.store, side.party, [party])).get(party)?.name;
      return {
        columns: [
          col('date', '日期', 'Date', 'date'),
          col('kind', '类型', 'Kind', 'text'),
          col('number', '单号', 'Number', 'text'),
          col('debit', ...movements.debit, 'money'),
          col('credit', ...movements.credit, 'money'),
          col('balance', '余额', 'Balance', 'money'),
        ],
        rows: [
          {
            values: {
              date: params.from ?? '',
              kind: `期初余额 ${name ?? ''}`.trim(),
              number: '',
              debit: null,
              credit: null,
              balance: yuan(opening),
            },
          },
          ...rows,
        ],
        totals: {
          opening: yuan(opening),
          debit: yuan(within.reduce((s, e) => s + e.debitCents, 0)),
          credit: yuan(within.reduce((s, e) => s + e.creditCents, 0)),
          closing: yuan(balance),
        },
      };
    },
  });
}

export const customerStatement = statementReport(AR, 'customer_statement', t('客户对账单', 'Customer statement'), {
  debit: ['应收增加', 'Billed'],
  credit: ['收款', 'Received'],
});
export const supplierStatement = statementReport(AP, 'supplier_statement', t('供应商对账单', 'Supplier statement'), {
  debit: ['应付增加', 'Billed'],
  credit: ['付款', 'Paid'],
});
