// Which capability folder of engine/ a file or an import belongs to; shared by the
// boundary and the cycle rules.
import path from 'node:path';

/** engine/<capability> of a file, or undefined outside engine's capability folders. */
export function capabilityOf(file, engineDir) {
  const rel = path.relative(engineDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** The capability a relative import from `file` lands in (a folder import counts as its index.ts). */
export function resolveCapability(file, source, engineDir) {
  if (!source.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(file), source);
  return capabilityOf(target, engineDir) ?? capabilityOf(path.join(target, 'index.ts'), engineDir);
}
