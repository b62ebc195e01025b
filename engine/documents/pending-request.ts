// While a change or cancellation request waits for approval on a document, the
// document must not move or be edited by other means: shipping an order with a
// change request open would make the request quietly lapse (its waiting state no
// longer matches), and a PATCH would change the data the request was judged on.
// Deciding the request (approvals/decide.ts) writes through apply-change directly
// and a cancellation supersedes a change request on purpose, so neither comes here.
// The approval record is read structurally: the documents engine does not depend
// on the approval engine's types.
import { AppError } from '../errors';
import type { DocumentRecord } from './document-record';

interface PendingRequest {
  id: string;
  kind: 'change' | 'cancellation';
  reason?: string;
  level?: string;
  requestedBy?: string;
}

const KIND_TEXT = { change: 'change request', cancellation: 'cancellation request' } as const;

/** The change or cancellation request waiting on `doc`, or null. */
export function pendingRequestOf(doc: DocumentRecord): PendingRequest | null {
  const approval = doc.approval as (Record<string, unknown> & { requestedBy?: { username?: unknown } }) | null;
  if (!approval || approval.status !== 'pending') return null;
  const kind = approval.kind;
  if (kind !== 'change' && kind !== 'cancellation') return null;
  // A request whose waiting state the document has left is no longer open (load-open.ts says the same).
  if (typeof approval.waitingState === 'string' && approval.waitingState !== doc.state) return null;
  const open = approval.open as { level?: unknown } | null | undefined;
  return {
    id: typeof approval.id === 'string' ? approval.id : '',
    kind,
    ...(typeof approval.reason === 'string' ? { reason: approval.reason } : {}),
    ...(typeof open?.level === 'string' ? { level: open.level } : {}),
    ...(typeof approval.requestedBy?.username === 'string' ? { requestedBy: approval.requestedBy.username } : {}),
  };
}

/** 422 naming the waiting request when `doc` has one; `action` says what was refused, e.g. `run "ship"`. */
export function assertNoPendingRequest(doc: DocumentRecord, action: string): void {
  const request = pendingRequestOf(doc);
  if (!request) return;
  const what = KIND_TEXT[request.kind];
  const en = [
    request.reason ? `"${request.reason}"` : null,
    request.requestedBy ? `requested by ${request.requestedBy}` : null,
    request.level ? `open level ${request.level}` : null,
  ].filter((part) => part !== null);
  const zh = [
    request.reason ? `“${request.reason}”` : null,
    request.requestedBy ? `申请人 ${request.requestedBy}` : null,
    request.level ? `当前级别 ${request.level}` : null,
  ].filter((part) => part !== null);
  const about = {
    'zh-CN': zh.length > 0 ? `（${zh.join('，')}）` : '',
    en: en.length > 0 ? ` (${en.join(', ')})` : '',
  };
  throw new AppError(
    'RULE_FAILED',
    `Cannot ${action} on ${doc.type} ${doc.number}: ${what} ${request.id}${about.en} is waiting for approval.`,
    {
      key:
        request.kind === 'change' ? 'RULE_FAILED.change_request_pending' : 'RULE_FAILED.cancellation_request_pending',
      params: { type: doc.type, number: doc.number, request: request.id, about },
      extra: { reason: 'request_pending', state: doc.state, request: { id: request.id, kind: request.kind } },
    },
  );
}
