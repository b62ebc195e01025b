import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/types';
import { AppError } from '../../engine/errors';
import { localizeErrors } from '../../engine/messages/index';
import {
  bundleFromFiles,
  mergeOverlay,
  parseManifest,
  pluginDefinitions,
  readPluginFolder,
} from '../../engine/plugins/index';
import { EYEWEAR } from './support';

const manifest = { name: 'demo', version: '1.0.0', engine: '^0.1.0', title: { 'zh-CN': '演示', en: 'Demo' } };

/** The refusal's field errors as an answer in `locale` shows them. */
function errorsOf(fn: () => unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return localizeErrors(err.errors ?? [], locale);
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('plugin manifest', () => {
  it('accepts a manifest whose engine range holds this engine', () => {
    expect(parseManifest(manifest, '0.1.5').name).toBe('demo');
  });

  it('refuses a missing title, a bad name and unknown members, naming each', () => {
    const paths = errorsOf(() => parseManifest({ ...manifest, name: 'Demo!', title: undefined, colour: 'red' })).map(
      (e) => e.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['/manifest/name', '/manifest/title', '/manifest/colour']));
  });

  it('refuses a version that is not semver and an engine range this engine is outside of', () => {
    expect(errorsOf(() => parseManifest({ ...manifest, version: '1.0' })).map((e) => e.path)).toContain(
      '/manifest/version',
    );
    expect(errorsOf(() => parseManifest({ ...manifest, engine: '>=0.2.0' }, '0.1.0'))[0]).toMatchObject({
      path: '/manifest/engine',
      message: expect.stringContaining('0.1.0'),
    });
  });
});

describe('plugin bundle', () => {
  it('refuses translations missing in one language', () => {
    const files = {
      'manifest.json': JSON.stringify(manifest),
      'i18n/zh-CN.json': '{"a":"甲","b":"乙"}',
      'i18n/en.json': '{"a":"A"}',
    };
    expect(errorsOf(() => bundleFromFiles(files))).toEqual([{ path: '/i18n/en.json/b', message: '缺少翻译' }]);
    expect(errorsOf(() => bundleFromFiles(files), 'en')).toEqual([
      { path: '/i18n/en.json/b', message: 'translation missing' },
    ]);
  });

  it('inlines print templates kept in templates/', async () => {
    const defs = pluginDefinitions(await readPluginFolder(EYEWEAR));
    const order = defs.find((d) => d.key === 'glasses_order');
    const templates = order?.body.templates as Array<{ key: string; body: string; bodyFile?: string }>;
    expect(templates.find((t) => t.key === 'workshop')?.body).toContain('class="prescription"');
    expect(templates.every((t) => t.bodyFile === undefined)).toBe(true);
  });
});

describe('overlays on built-in definitions', () => {
  const product = async () =>
    JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../definitions/product.json'), 'utf8'),
    ) as Definition;
  const overlay = (body: Record<string, unknown>) => ({
    key: 'product',
    file: 'definitions/product.json',
    overlay: true,
    body: { key: 'product', ...body },
  });

  it('adds fields and keeps every built-in field', async () => {
    const merged = mergeOverlay(
      await product(),
      overlay({ schema: { properties: { lensIndex: { type: 'string' } } } }),
    );
    expect(Object.keys((merged.schema as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['sku', 'price', 'lensIndex']),
    );
  });

  it('refuses to redefine a built-in field, state or transition, or to change its title', async () => {
    const base = await product();
    const paths = errorsOf(() =>
      mergeOverlay(
        base,
        overlay({
          schema: { properties: { price: { type: 'string' } } },
          states: [
            { key: 'active', label: { 'zh-CN': '启用', en: 'Active' }, color: 'red', editable: true, terminal: false },
          ],
          transitions: [{ ...base.transitions[0] }],
          title: { 'zh-CN': '镜架', en: 'Frame' },
        }),
      ),
    ).map((e) => e.path);
    expect(paths).toEqual([
      '/definitions/product.json/schema/properties/price',
      '/definitions/product.json/states/0/key',
      '/definitions/product.json/transitions/0/key',
      '/definitions/product.json/title',
    ]);
  });
});
