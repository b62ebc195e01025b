// Loading a document for an approval decision. Approvers may decide documents
// their read permission would hide (a finance manager named on a level need not
// read every order), so the document is loaded by id and the read scope only
// decides between 404 and 403 for callers who are not approvers.
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import { type AppError } from '../errors';
import { documentsCollection, readScope, documentNotFound, type DocumentRecord } from '../documents/index';
import { messageError } from '../messages/index';
import type { Store } from '../store/index';
import type { Principal } from './approvers';
import { isApprovalState, type ApprovalState } from './types';

export interface LoadedForApproval {
  doc: DocumentRecord;
  compiled: CompiledDefinition;
  latest: CompiledDefinition;
  readable: boolean;
}

export async function loadForApproval(
  store: Store,
  registry: DefinitionRegistry,
  target: { type: string; id: string; user: Principal },
): Promise<LoadedForApproval> {
  const latest = await registry.latest(target.type);
  const docs = documentsCollection(store, target.type);
  const doc = await docs.findById(target.id);
  if (!doc) throw documentNotFound(target.type, target.id);
  const scope = readScope(latest.def, latest.rowFilters, target.user);
  const readable =
    scope.kind === 'all' ||
    (scope.kind === 'filter' && (await docs.count({ $and: [{ _id: doc._id }, scope.filter] })) > 0);
  const compiled =
    doc.definitionVersion === latest.def.version ? latest : await registry.get(target.type, doc.definitionVersion);
  return { doc, compiled, latest, readable };
}

/** The approval waiting on the document, or null (none, decided, or the document moved on). */
export function openApprovalOf(doc: DocumentRecord): ApprovalState | null {
  const approval = doc.approval;
  if (!isApprovalState(approval) || approval.status !== 'pending' || approval.open === null) return null;
  return doc.state === approval.waitingState ? approval : null;
}

export function noOpenApproval(doc: DocumentRecord): AppError {
  return messageError(
    'RULE_FAILED.no_open_approval',
    { type: doc.type, number: doc.number, state: doc.state },
    { extra: { state: doc.state } },
  );
}
