// A draft purchase requisition for a product that asks for one (autoRequisition)
// when it falls below its reorder point: reorderQty from the preferred supplier,
// source "reorder". Its id derives from the suggestion, so it is made once.
import { SYSTEM_ACTOR } from '../approvals/index';
import type { DocumentRecord } from '../documents/index';
import { createSystemDocument, derivedId } from '../flows/index';
import type { DefinitionRegistry } from '../definitions/index';
import type { Store } from '../store/index';
import type { SuggestionDoc } from './types';

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export async function createReorderRequisition(
  store: Store,
  definitions: DefinitionRegistry,
  suggestion: SuggestionDoc,
  now: Date,
): Promise<DocumentRecord> {
  const compiled = await definitions.latest('purchase_requisition');
  const line: Record<string, unknown> = { product: suggestion.product, qty: suggestion.suggestedQty };
  if (suggestion.supplier) line.suggestedSupplier = suggestion.supplier;
  const { doc } = await createSystemDocument(store, {
    registry: definitions,
    compiled,
    id: derivedId(`replenishment:${suggestion._id}`),
    data: {
      requestDate: DAY.format(now),
      warehouse: suggestion.warehouse,
      source: 'reorder',
      reason: `预计库存 ${suggestion.projected} 低于再订货点 ${suggestion.reorderPoint} / projected ${suggestion.projected} below reorder point ${suggestion.reorderPoint}`,
      lines: [line],
    },
    actor: SYSTEM_ACTOR,
    now,
    details: { replenishment: suggestion._id },
  });
  return doc;
}
