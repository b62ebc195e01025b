// What the finance screens ask the engine: report runs (aging, statements, trial
// balance) followed until done, balances, periods and the chart of accounts.
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { followRun, startRun, type RunView } from '../reports/report-api';

export type Party = 'customer' | 'supplier';
export type Row = Record<string, unknown>;
export type ReportResult = NonNullable<RunView['result']>;

export async function runReport(key: string, params: Record<string, unknown>): Promise<ReportResult> {
  const runId = await startRun(key, params, 'json');
  const run = await followRun(
    runId,
    () => undefined,
    () => false,
  );
  if (!run?.result) throw new Error(run?.error ?? `report ${key} failed`);
  return run.result;
}

export interface Balance {
  balance: number;
  overdue: number;
  credit: number;
}

export const partyBalance = (party: Party, id: string) =>
  api<Balance>('GET', `/api/${party}s/${encodeURIComponent(id)}/balance`);

export interface Period {
  period: string;
  closed: boolean;
  closedBy?: string;
  closedAt?: string;
  reopenedBy?: string;
  reopenedAt?: string;
}

export const listPeriods = () => api<Period[]>('GET', '/api/finance/periods');
export const setPeriod = (period: string, action: 'close' | 'reopen') =>
  api<Period>('POST', `/api/finance/periods/${period}/${action}`);

export interface ChartAccount {
  code: string;
  name: Record<Locale, string>;
  role: string | null;
  builtin: boolean;
  inUse: boolean;
}

export const listAccounts = () => api<ChartAccount[]>('GET', '/api/finance/accounts');
export const saveAccount = (code: string, body: { name: Record<Locale, string>; role?: string }) =>
  api<ChartAccount>('PUT', `/api/finance/accounts/${code}`, body);
export const deleteAccount = (code: string) => api<void>('DELETE', `/api/finance/accounts/${code}`);

export interface VoucherView {
  id: string;
  number: string;
  data: {
    voucherDate: string;
    summary: string;
    /** Written since vouchers keep both languages; older vouchers have only the zh-CN `summary`. */
    summaryEn?: string;
    totalDebit?: number;
    lines: Array<{
      account: string;
      accountName: string;
      accountNameEn?: string;
      debit: number;
      credit: number;
      summary?: string;
      summaryEn?: string;
    }>;
  };
}

export const listVouchers = (from: string, to: string) =>
  api<{ items: VoucherView[] }>(
    'GET',
    `/api/documents/voucher?${new URLSearchParams({ limit: '100', from, to }).toString()}`,
  );
