// Computed fields (line amount, total, due date) previewed in the browser as the
// user types, with the engine's own evaluator (engine/documents/computed.ts: the
// same JSON-Logic operators and decimal-exact arithmetic). The server recomputes
// on save and its answer is what is stored.
import { applyComputed } from '../../../engine/documents/computed';
import type { Definition } from '../api/types';

type Data = Record<string, unknown>;

export function previewComputed(definition: Definition, data: Data): Data {
  if (!definition.computed?.length) return data;
  try {
    return applyComputed(definition.computed, data, {});
  } catch (err) {
    // A half-typed form may not evaluate; the server is the judge anyway.
    console.warn('computed preview failed', err);
    return data;
  }
}
