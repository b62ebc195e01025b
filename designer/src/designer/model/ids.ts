// Field ids for the builder (not stored in the definition).
let next = 0;

export const newFieldId = (): string => `f${++next}-${Math.random().toString(36).slice(2, 8)}`;
