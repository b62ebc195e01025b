// A plugin as the engine handles it: its manifest and its files as text, keyed
// by path inside the plugin folder. The same bundle comes from a folder, from a
// packed archive, and from the store (installed plugins keep their files there,
// so every engine replica and worker can load the handlers).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fieldError } from '../messages/index';
import { parseManifest, type PluginManifest } from './manifest';
import { messageError } from '../messages/index';

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
        throw messageError('PAYLOAD_TOO_LARGE.plugin_too_large', {
          files: MAX_FILES,
          bytes: MAX_BYTES,
        });
      }
      out[child] = text;
    }
  }
}

function parseJson(files: Record<string, string>, file: string): unknown {
  try {
    return JSON.parse(files[file]);
  } catch (err) {
    throw messageError(
      'VALIDATION_FAILED.plugin_file_not_json',
      { file, reason: (err as Error).message },
      { errors: [fieldError(`/${file}`, 'VALIDATION_FAILED.not_json')] },
    );
  }
}

export function bundleFromFiles(files: Record<string, string>): PluginBundle {
  if (files['manifest.json'] === undefined) {
    throw messageError(
      'VALIDATION_FAILED.plugin_manifest_missing',
      {},
      {
        errors: [fieldError('/manifest.json', 'VALIDATION_FAILED.file_missing')],
      },
    );
  }
  const manifest = parseManifest(parseJson(files, 'manifest.json'));
  if (manifest.handlers && files[manifest.handlers] === undefined) {
    throw messageError(
      'VALIDATION_FAILED.plugin_handlers_missing',
      { file: manifest.handlers },
      { errors: [fieldError('/manifest/handlers', 'VALIDATION_FAILED.handlers_file_not_found')] },
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
      throw messageError(
        'VALIDATION_FAILED.plugin_i18n_shape',
        { file },
        { errors: [fieldError(`/${file}`, 'VALIDATION_FAILED.strings_object')] },
      );
    }
    keys.set(file, Object.keys(body).sort());
  }
  const errors = ['i18n/zh-CN.json', 'i18n/en.json']
    .filter((f) => !keys.has(f))
    .map((f) => fieldError(`/${f}`, 'VALIDATION_FAILED.file_missing'));
  const all = new Set([...keys.values()].flat());
  for (const [file, list] of keys)
    for (const key of all)
      if (!list.includes(key)) errors.push(fieldError(`/${file}/${key}`, 'VALIDATION_FAILED.translation_missing'));
  if (errors.length > 0)
    throw messageError(
      'VALIDATION_FAILED.plugin_translations_incomplete',
      { path: errors[0].path },
      {
        errors,
      },
    );
}

export async function readPluginFolder(dir: string): Promise<PluginBundle> {
  const files: Record<string, string> = {};
  const budget = { files: 0, bytes: 0 };
  try {
    files['manifest.json'] = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw messageError(
      'VALIDATION_FAILED.plugin_folder_without_manifest',
      { folder: path.basename(dir) },
      { errors: [fieldError('/manifest.json', 'VALIDATION_FAILED.file_missing')] },
    );
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
