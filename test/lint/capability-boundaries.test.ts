import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => path.join(root, 'test/lint/fixtures', name);

// The fixtures are ignored by `npm run lint`; here they are linted on purpose with the project's config.
async function boundaryErrors(file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintFiles([file]);
  return result.messages.filter((m) => m.ruleId === 'local/capability-boundaries').map((m) => m.message);
}

describe('capability boundaries', () => {
  it("fails lint for a file that imports another capability's internal file", async () => {
    const errors = await boundaryErrors(fixture('reaches-into-internals.ts'));
    expect(errors).toEqual([expect.stringContaining("engine/store's internals")]);
  });

  it('passes the same import through the capability index', async () => {
    expect(await boundaryErrors(fixture('uses-the-surface.ts'))).toEqual([]);
  });
});
