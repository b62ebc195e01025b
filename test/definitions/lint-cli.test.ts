import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleDefinition } from './fixtures';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
const tsx = join(project, 'node_modules/.bin/tsx');
const cli = join(project, 'engine/plugins/lint-definitions-cli.ts');
// The sample refers to customers; the CLI resolves references among the files it lints.
const customer: unknown = JSON.parse(await readFile(join(project, 'definitions/customer.json'), 'utf8'));

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function lintIn(files: Record<string, unknown>): Promise<{ code: number; stdout: string }> {
  dir = await mkdtemp(join(tmpdir(), 'lint-cli-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(content));
  }
  try {
    const { stdout } = await run(tsx, [cli], { cwd: dir });
    return { code: 0, stdout };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('npm run lint:definitions', () => {
  it('exits 0 and prints a summary when every definition is clean', async () => {
    const { code, stdout } = await lintIn({
      'definitions/customer.json': customer,
      'definitions/sample_order.json': sampleDefinition(),
    });
    expect(stdout.trim()).toBe('2 definition file(s): 0 error(s), 0 warning(s)');
    expect(code).toBe(0);
  });

  it('prints `file path severity message` for plugin definitions too and exits 1 on an error', async () => {
    const broken = { ...sampleDefinition(), initialState: 'nowhere' };
    const { code, stdout } = await lintIn({
      'definitions/customer.json': customer,
      // A plugin folder is read as the engine installs it, manifest first.
      'plugins/shop/manifest.json': {
        name: 'shop',
        version: '1.0.0',
        engine: '^0.1.0',
        title: { 'zh-CN': '小店', en: 'Shop' },
        description: { 'zh-CN': '测试模板', en: 'A test template' },
      },
      'plugins/shop/definitions/broken.json': broken,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('plugins/shop/definitions/broken.json /initialState error 状态 “nowhere” 不存在');
  });
});
