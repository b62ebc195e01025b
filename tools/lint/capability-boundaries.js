// ESLint rule: a capability folder in engine/ (engine/<capability>/) is entered
// only through its index.ts. Code outside that folder — another capability,
// engine/app.ts, workers/, plugins/, designer/ — importing one of its internal
// files is reported, so each capability keeps one public surface that can change
// behind it (docs/architecture.md, "Module map").
import path from 'node:path';
import { capabilityOf } from './capability-of.js';

const SOURCE_EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts'];

export function capabilityBoundaries(engineDir) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'import another engine capability only through its index.ts' },
      messages: {
        internal:
          "'{{source}}' reaches into engine/{{capability}}'s internals; import from engine/{{capability}} (its index.ts) instead",
      },
      schema: [],
    },
    create(context) {
      const file = context.filename;
      const own = capabilityOf(file, engineDir);
      function check(node) {
        const source = node.source?.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = path.resolve(path.dirname(file), source);
        const capability = capabilityOf(target, engineDir) ?? capabilityOf(path.join(target, 'index.ts'), engineDir);
        if (!capability || capability === own) return;
        const capabilityDir = path.join(engineDir, capability);
        const entry = SOURCE_EXTENSIONS.some((ext) => {
          const candidate = target + ext;
          return (
            candidate === capabilityDir ||
            candidate === path.join(capabilityDir, 'index.ts') ||
            candidate === path.join(capabilityDir, 'index')
          );
        });
        if (!entry) context.report({ node: node.source, messageId: 'internal', data: { source, capability } });
      }
      return {
        ImportDeclaration: check,
        ExportNamedDeclaration: check,
        ExportAllDeclaration: check,
        ImportExpression: check,
      };
    },
  };
}
