// `voucher_export` (凭证导出): one row per voucher line in the column layout
// bookkeeping software imports — date, voucher no., summary, account code,
// account name, debit, credit — for a period; run it with format `xlsx` (or csv)
// to get the spreadsheet.
import { documentsCollection } from '../../documents/index';
import { defineReport, objectSchema, paramSchemas } from '../../reports/index';
import { voucherText } from '../summaries';
import { VOUCHER } from '../vouchers';
import { col, FINANCE_ROLES, t } from './common';

interface Params {
  from?: string;
  to?: string;
}

interface VoucherLine {
  account: string;
  accountName: string;
  accountNameEn?: string;
  summary?: string;
  summaryEn?: string;
  debit: number;
  credit: number;
}

export const voucherExport = defineReport<Params>({
  key: 'voucher_export',
  title: t('凭证导出', 'Voucher export'),
  description: t('按记账软件导入格式导出凭证', 'Vouchers in the layout bookkeeping software imports'),
  params: objectSchema({ from: paramSchemas.from, to: paramSchemas.to }),
  roles: FINANCE_ROLES,
  async run(ctx, params) {
    const range: Record<string, string> = {};
    if (params.from) range.$gte = params.from;
    if (params.to) range.$lte = params.to;
    const vouchers = await documentsCollection(ctx.store, VOUCHER).find(
      Object.keys(range).length > 0 ? { 'data.voucherDate': range } : {},
    );
    vouchers.sort((a, b) =>
      a.data.voucherDate === b.data.voucherDate
        ? a.number.localeCompare(b.number)
        : String(a.data.voucherDate) < String(b.data.voucherDate)
          ? -1
          : 1,
    );
    return {
      columns: [
        col('date', '日期', 'Date', 'date'),
        col('voucherNo', '凭证号', 'Voucher no.', 'text'),
        col('summary', '摘要', 'Summary', 'text'),
        col('accountCode', '科目编码', 'Account code', 'text'),
        col('accountName', '科目名称', 'Account name', 'text'),
        col('debit', '借方金额', 'Debit', 'money'),
        col('credit', '贷方金额', 'Credit', 'money'),
      ],
      rows: vouchers.flatMap((v) =>
        ((v.data.lines ?? []) as VoucherLine[]).map((line) => ({
          values: {
            date: String(v.data.voucherDate),
            voucherNo: v.number,
            summary: line.summary
              ? voucherText(line.summary, line.summaryEn, ctx.locale)
              : voucherText(v.data.summary, v.data.summaryEn, ctx.locale),
            accountCode: line.account,
            accountName: voucherText(line.accountName, line.accountNameEn, ctx.locale),
            debit: line.debit,
            credit: line.credit,
          },
        })),
      ),
    };
  },
});
