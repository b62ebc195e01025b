// GET …/:id/history (events in order) and GET …/:id?asOf=SEQ (the document as it
// was right after event SEQ, rebuilt by replaying the data diffs).
import type { DefinitionRegistry } from '../definitions/index';
import type { Store } from '../store/index';
import { toView, type DocumentView } from './document-record';
import { listEvents, replay, type EventRecord } from './events';
import { readDocument } from './read-document';
import type { RuleUser } from './row-filter';
import { messageError } from '../messages/index';

export interface HistoryEntry {
  seq: number;
  kind: EventRecord['kind'];
  transition?: string;
  actor: EventRecord['actor'];
  at: Date;
  from: string | null;
  to: string;
  diff: EventRecord['diff'];
  reason?: string;
  comment?: string;
  effects: string[];
  details?: Record<string, unknown>;
}

const toEntry = (e: EventRecord): HistoryEntry => ({
  seq: e.seq,
  kind: e.kind,
  ...(e.transition ? { transition: e.transition } : {}),
  actor: e.actor,
  at: e.at,
  from: e.from,
  to: e.to,
  diff: e.diff,
  ...(e.reason ? { reason: e.reason } : {}),
  ...(e.comment ? { comment: e.comment } : {}),
  effects: e.effects.map((x) => x.name),
  ...(e.details ? { details: e.details } : {}),
});

interface Target {
  type: string;
  id: string;
  user: RuleUser;
}

export async function documentHistory(
  store: Store,
  registry: DefinitionRegistry,
  target: Target,
): Promise<{ items: HistoryEntry[] }> {
  const { doc } = await readDocument(store, registry, target);
  const events = await listEvents(store, doc);
  return { items: events.filter((e) => e.seq <= doc.version).map(toEntry) };
}

export async function documentAsOf(
  store: Store,
  registry: DefinitionRegistry,
  target: Target & { seq: number },
): Promise<DocumentView> {
  const { doc } = await readDocument(store, registry, target);
  if (target.seq > doc.version) {
    throw messageError('NOT_FOUND.document_event_after_latest', {
      type: doc.type,
      number: doc.number,
      seq: target.seq,
      latest: doc.version,
    });
  }
  const events = await listEvents(store, doc);
  const past = replay(doc, events, target.seq);
  if (!past) throw messageError('NOT_FOUND.document_event', { type: doc.type, number: doc.number, seq: target.seq });
  return toView(past);
}
