import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS ESLint rule without type declarations
import { capabilityCycles, folderCycles } from '../../tools/lint/capability-cycles.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureEngine = path.join(root, 'test/lint/fixtures/cycle-engine');

/** The cycle rule's messages for one fixture capability's index.ts, the rule reading the fixture "engine". */
function cycleErrors(capability: string): string[] {
  const filename = path.join(fixtureEngine, capability, 'index.ts');
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    readFileSync(filename, 'utf8'),
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { local: { rules: { 'capability-cycles': capabilityCycles(fixtureEngine) } } },
        rules: { 'local/capability-cycles': 'error' },
      },
    ],
    { filename },
  );
  return messages.map((m) => m.message);
}

describe('capability folder cycles', () => {
  it('fails lint on both imports of two capabilities that import each other', () => {
    expect(cycleErrors('alpha')).toEqual([expect.stringContaining('(alpha → beta → alpha)')]);
    expect(cycleErrors('beta')).toEqual([expect.stringContaining('(beta → alpha → beta)')]);
  });

  it('does not count an import of types only, which is erased at build time', () => {
    expect(cycleErrors('gamma')).toEqual([]);
    expect(cycleErrors('delta')).toEqual([]);
  });

  it('finds no folder cycle in engine/', () => {
    expect(folderCycles(path.join(root, 'engine'))).toEqual([]);
  });
});
