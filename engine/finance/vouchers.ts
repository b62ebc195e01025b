// Vouchers (财务凭证): every posting — COGS on shipment, a stock adjustment, an
// invoice, a receipt — becomes one `voucher` document with debit and credit lines
// on the chart of accounts (accounts.ts). A voucher that does not balance to the
// cent is refused before it is written, so the books always balance.
// Exactly once: the voucher's id derives from the posting's key (the effect's
// outbox id), so a retried effect finds the voucher it wrote.
import type { DefinitionRegistry, LocalizedText } from '../definitions/index';
import type { DocumentRecord } from '../documents/index';
import { AppError } from '../errors';
import { createSystemDocument, derivedId } from '../flows/index';
import { Dec } from '../money/index';
import type { Store } from '../store/index';
import { chartOfAccounts, type AccountRole } from './accounts';
import { periodOf } from './periods';

export const VOUCHER = 'voucher';

export interface PostingLine {
  role: AccountRole;
  /** Yuan, at most 2 decimals; one of debit or credit. */
  debit?: number | string;
  credit?: number | string;
  summary?: LocalizedText;
}

export interface Posting {
  /** Idempotency key of the posting (the effect's outbox id). */
  key: string;
  date: string;
  /** In both languages (summaries.ts): stored as `summary` (zh-CN) and `summaryEn`. */
  summary: LocalizedText;
  source: { type: string; id: string; number?: string };
  lines: PostingLine[];
}

export interface PostingContext {
  store: Store;
  definitions: Pick<DefinitionRegistry, 'latest' | 'countedBy'>;
  actor: { id: string; username: string };
  now: Date;
}

const cents = (v: number | string | undefined): number =>
  v === undefined ? 0 : new Dec(v).times(100).toDecimalPlaces(0).toNumber();

/** Writes the voucher of a posting (lines with a zero amount are dropped; an all-zero posting writes nothing). */
export async function postVoucher(ctx: PostingContext, posting: Posting): Promise<DocumentRecord | null> {
  const chart = await chartOfAccounts(ctx.store);
  const lines = posting.lines
    .map((l) => ({ l, debit: cents(l.debit), credit: cents(l.credit) }))
    .filter(({ debit, credit }) => debit !== 0 || credit !== 0)
    .map(({ l, debit, credit }) => ({
      account: chart[l.role].code,
      accountName: chart[l.role].name['zh-CN'],
      accountNameEn: chart[l.role].name.en,
      summary: (l.summary ?? posting.summary)['zh-CN'],
      summaryEn: (l.summary ?? posting.summary).en,
      debit: debit / 100,
      credit: credit / 100,
    }));
  if (lines.length === 0) return null;
  const debit = lines.reduce((t, l) => t + Math.round(l.debit * 100), 0);
  const credit = lines.reduce((t, l) => t + Math.round(l.credit * 100), 0);
  if (debit !== credit) {
    throw new AppError('RULE_FAILED', `Voucher does not balance: debit ${debit / 100}, credit ${credit / 100}`, {
      key: 'RULE_FAILED.voucher_unbalanced',
      params: { debit: debit / 100, credit: credit / 100 },
    });
  }
  const compiled = await ctx.definitions.latest(VOUCHER);
  const { doc } = await createSystemDocument(ctx.store, {
    registry: ctx.definitions,
    compiled,
    id: derivedId(`voucher:${posting.key}`),
    actor: ctx.actor,
    now: ctx.now,
    data: {
      voucherDate: posting.date,
      period: periodOf(posting.date),
      summary: posting.summary['zh-CN'],
      summaryEn: posting.summary.en,
      sourceType: posting.source.type,
      sourceId: posting.source.id,
      ...(posting.source.number ? { sourceNumber: posting.source.number } : {}),
      lines,
    },
    details: { source: posting.source },
  });
  return doc;
}
