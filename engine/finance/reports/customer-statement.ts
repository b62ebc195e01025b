// `customer_statement` (对账单): for one customer and a period, the opening
// balance, each invoice, reversal and receipt with the running balance, and the
// closing balance — printable and exportable like every report (CSV, XLSX, PDF).
import { defineReport, masterNames, objectSchema, paramSchemas } from '../../reports/index';
import { arEntries, type ArEntryDoc } from '../receivables';
import { col, t, yuan } from './common';

interface Params {
  customer: string;
  from?: string;
  to?: string;
}

const KIND_LABEL: Record<ArEntryDoc['kind'], string> = {
  invoice: '销售发票',
  reversal: '红字冲销',
  receipt: '收款',
  credit: '退货贷项',
};

export const customerStatement = defineReport<Params>({
  key: 'customer_statement',
  title: t('客户对账单', 'Customer statement'),
  params: objectSchema({ customer: paramSchemas.customer, from: paramSchemas.from, to: paramSchemas.to }, ['customer']),
  roles: ['finance_manager', 'sales_manager'],
  async run(ctx, params) {
    const entries = (await arEntries(ctx.store).find({ customer: params.customer })).sort((a, b) =>
      a.date === b.date ? a.at.getTime() - b.at.getTime() : a.date < b.date ? -1 : 1,
    );
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
    const name = (await masterNames(ctx.store, 'customer', [params.customer])).get(params.customer)?.name;
    return {
      columns: [
        col('date', '日期', 'Date', 'date'),
        col('kind', '类型', 'Kind', 'text'),
        col('number', '单号', 'Number', 'text'),
        col('debit', '应收增加', 'Billed', 'money'),
        col('credit', '收款', 'Received', 'money'),
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
