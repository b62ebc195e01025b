// Where a definition's documents are stored: one collection per type, so a
// definition's own unique indexes never collide with documents of other types.
// Kept here, below documents, so capabilities that documents itself calls
// (pricing, units) read documents without importing documents
// (docs/architecture.md, "Module map").
export const documentsCollectionName = (type: string): string => `documents_${type}`;
