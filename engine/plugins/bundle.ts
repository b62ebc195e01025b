// A plugin as the engine handles it: its manifest and its files as text, keyed
// by path inside the plugin folder. The same bundle comes from a folder, from a
// packed archive, and from the store (installed plugins keep their files there,
// so every engine replica and worker can load the handlers).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import { parseManifest, type PluginManifest } from './manifest';

export interface PluginBundle {
  manifest: PluginManifest;
  /** Relative path (forward slashes) → UTF-8 text. */
  files: Record<string, string>;
}

/** Folders a plugin may carry; anything else (node_modules, editor files) is left out. */
const FOLDERS = ['definitions', 'templates', 'i18n', 'seed', 'handlers'];
const MAX_FILES = 500;
const MAX_BYTES = 5 * 1024 * 1024;

async function walk(
  root: string,
  rel: string,
  out: Record<string, string>,
  budget: { files: number; bytes: number },
): Promise<void> {
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) await walk(root, child, out, budget);
    else if (entry.isFile()) {
      const text = await readFile(path.join(root, child), 'utf8');
      budget.files += 1;
      budget.bytes += Buffer.byteLength(text);
      if (budget.files > MAX_FILES || budget.bytes > MAX_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', `A plugin holds at most ${MAX_FILES} files and ${MAX_BYTES} bytes.`);
      }
      out[child] = text;
    }
  }
}

function parseJson(files: Record<string, string>, file: string): unknown {
  try {
    return JSON.parse(files[file]);
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `${file} is not valid JSON: ${(err as Error).message}`, {
      errors: [{ path: `/${file}`, message: 'not valid JSON' }],
    });
  }
}

export function bundleFromFiles(files: Record<string, string>): PluginBundle {
  if (files['manifest.json'] === undefined) {
    throw new AppError('VALIDATION_FAILED', 'A plugin needs a manifest.json at its root.', {
      errors: [{ path: '/manifest.json', message: 'missing' }],
    });
  }
  const manifest = parseManifest(parseJson(files, 'manifest.json'));
  if (manifest.handlers && files[manifest.handlers] === undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      `manifest.json names handlers "${manifest.handlers}", which the plugin does not contain.`,
      {
        errors: [{ path: '/manifest/handlers', message: 'file not found in the plugin' }],
      },
    );
  }
  checkI18n(files);
  return { manifest, files };
}

/** i18n/<locale>.json: flat key → text; zh-CN and en must both be there with the same keys, so no label is missing in either language. */
function checkI18n(files: Record<string, string>): void {
  const locales = Object.keys(files).filter((f) => /^i18n\/[^/]+\.json$/.test(f));
  if (locales.length === 0) return;
  const keys = new Map<string, string[]>();
  for (const file of locales) {
    const body = parseJson(files, file);
    if (
      typeof body !== 'object' ||
      body === null ||
      Array.isArray(body) ||
      Object.values(body).some((v) => typeof v !== 'string')
    ) {
      throw new AppError('VALIDATION_FAILED', `${file} must map keys to texts.`, {
        errors: [{ path: `/${file}`, message: 'must be an object of strings' }],
      });
    }
    keys.set(file, Object.keys(body).sort());
  }
  const errors = ['i18n/zh-CN.json', 'i18n/en.json']
    .filter((f) => !keys.has(f))
    .map((f) => ({ path: `/${f}`, message: 'missing' }));
  const all = new Set([...keys.values()].flat());
  for (const [file, list] of keys)
    for (const key of all)
      if (!list.includes(key)) errors.push(fieldError(`/${file}/${key}`, 'VALIDATION_FAILED.translation_missing'));
  if (errors.length > 0)
    throw new AppError('VALIDATION_FAILED', `The plugin's translations are incomplete: ${errors[0].path}`, { errors });
}

export async function readPluginFolder(dir: string): Promise<PluginBundle> {
  const files: Record<string, string> = {};
  const budget = { files: 0, bytes: 0 };
  try {
    files['manifest.json'] = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new AppError('VALIDATION_FAILED', `No plugin at ${path.basename(dir)}: manifest.json is missing.`, {
      errors: [{ path: '/manifest.json', message: 'missing' }],
    });
  }
  const present = new Set(
    (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name),
  );
  for (const folder of FOLDERS) if (present.has(folder)) await walk(dir, folder, files, budget);
  return bundleFromFiles(files);
}

/** JSON files of one folder (`definitions`, `seed`, `i18n`), by file name, in name order. */
export function jsonFiles(bundle: PluginBundle, folder: string): Array<{ file: string; body: unknown }> {
  return Object.keys(bundle.files)
    .filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.json') && !f.slice(folder.length + 1).includes('/'))
    .sort()
    .map((file) => ({ file, body: parseJson(bundle.files, file) }));
}
