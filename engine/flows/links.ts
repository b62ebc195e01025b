// Links between documents one created from the other (an order and its
// delivery). The created document usually names its origin in its data too
// (delivery.salesOrder); the link record lets the origin find what it produced
// without a data field of its own, and without a new version of it.
import { DuplicateKeyError } from '../errors';
import type { Collection, Store, StoredDoc } from '../store/index';

export const DOCUMENT_LINKS = 'document_links';

export interface LinkEnd {
  type: string;
  id: string;
  number: string;
}

export interface Link {
  from: LinkEnd;
  to: LinkEnd;
  /** The effect and event that made `to` from `from`. */
  via: { effect: string; event: string; transition?: string };
  at: Date;
}

export interface LinkDoc extends StoredDoc, Link {}

export interface LinkView extends LinkEnd {
  /** `created`: this document created the other; `created_by`: the other created this one. */
  relation: 'created' | 'created_by';
  via: LinkDoc['via'];
  at: Date;
}

const links = (store: Store): Collection<LinkDoc> => store.collection<LinkDoc>(DOCUMENT_LINKS);

export async function ensureLinkIndexes(store: Store): Promise<void> {
  await links(store).createIndex({ name: 'from_id', keys: { 'from.id': 1 } });
  await links(store).createIndex({ name: 'to_id', keys: { 'to.id': 1 } });
}

/** Records the link once (its id is the pair of documents). */
export async function addLink(store: Store, link: Link): Promise<void> {
  try {
    await links(store).insertOne({ _id: `${link.from.id}>${link.to.id}`, ...link });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

export async function linksOf(store: Store, type: string, id: string): Promise<LinkView[]> {
  const [outgoing, incoming] = await Promise.all([
    links(store).find({ 'from.id': id, 'from.type': type }, { sort: { at: 1 } }),
    links(store).find({ 'to.id': id, 'to.type': type }, { sort: { at: 1 } }),
  ]);
  return [
    ...outgoing.map((l): LinkView => ({ ...l.to, relation: 'created', via: l.via, at: l.at })),
    ...incoming.map((l): LinkView => ({ ...l.from, relation: 'created_by', via: l.via, at: l.at })),
  ];
}
