// Differences between two versions of a definition as JSON Patch operations (RFC 6902),
// ignoring what every version differs in (its number and publication stamp).
import { createPatch, type Operation } from 'rfc6902';

const STAMP = ['version', 'source', 'publishedAt', 'publishedBy', 'findings'];

const strip = (def: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(def).filter(([k]) => !STAMP.includes(k)));

export function definitionDiff(from: Record<string, unknown>, to: Record<string, unknown>): Operation[] {
  return createPatch(strip(from), strip(to));
}
