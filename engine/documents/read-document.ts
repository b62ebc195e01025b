// Loading one document for a caller: the read scope is part of the query, so a
// document the caller may not read is indistinguishable from one that does not
// exist (404), and its compiled definition is the version it was created under.
import type { AppError } from '../errors';
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import type { Store } from '../store/index';
import { documentsCollection, type DocumentRecord } from './document-record';
import { readFilter } from './permissions';
import type { RuleUser } from './row-filter';
import { messageError } from '../messages/index';

export interface LoadedDocument {
  doc: DocumentRecord;
  /** The definition version the document was created under: its schema, states, rules and templates. */
  compiled: CompiledDefinition;
  /** The latest version: its `permissions` apply to every document of the type, old ones included. */
  latest: CompiledDefinition;
}

export const documentNotFound = (type: string, id: string): AppError =>
  messageError('NOT_FOUND.document', { type, id });

export async function readDocument(
  store: Store,
  registry: DefinitionRegistry,
  options: { type: string; id: string; user: RuleUser },
): Promise<LoadedDocument> {
  // Permissions come from the latest version: tightening them applies to old documents too.
  const latest = await registry.latest(options.type);
  const scope = readFilter(latest.def, latest.rowFilters, options.user);
  const filter = scope ? { $and: [{ _id: options.id }, scope] } : { _id: options.id };
  const doc = await documentsCollection(store, options.type).findOne(filter);
  if (!doc) throw documentNotFound(options.type, options.id);
  const compiled =
    doc.definitionVersion === latest.def.version ? latest : await registry.get(options.type, doc.definitionVersion);
  return { doc, compiled, latest };
}
