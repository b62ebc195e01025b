// `pack` makes one distributable .tar.gz of a plugin folder; install accepts it
// (from a file in the CLI, as the request body in the API). Unpacking goes into a
// fresh temporary folder, and tar's own checks refuse absolute paths and `..`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fieldError } from '../messages/index';
import { readPluginFolder, type PluginBundle } from './bundle';
import { messageError } from '../messages/index';

/** Packs `dir` into `outDir/<name>-<version>.tgz` and returns the file path. */
export async function packPlugin(dir: string, outDir = process.cwd()): Promise<string> {
  const bundle = await readPluginFolder(dir);
  const file = path.resolve(outDir, `${bundle.manifest.name}-${bundle.manifest.version}.tgz`);
  // Only what the bundle reads, so the archive holds exactly what install will see.
  const tar = await import('tar');
  await tar.c({ gzip: true, file, cwd: dir, portable: true }, Object.keys(bundle.files).sort());
  return file;
}

export async function readPluginArchive(file: string): Promise<PluginBundle> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-plugin-'));
  try {
    const tar = await import('tar');
    try {
      await tar.x({ file, cwd: dir, strict: true });
    } catch (err) {
      throw messageError(
        'VALIDATION_FAILED.not_plugin_archive',
        { reason: (err as Error).message },
        { errors: [fieldError('', 'VALIDATION_FAILED.not_tar_gz')] },
      );
    }
    return await readPluginFolder(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function readPluginArchiveBuffer(body: Buffer): Promise<PluginBundle> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-upload-'));
  try {
    const file = path.join(dir, 'plugin.tgz');
    await writeFile(file, body);
    return await readPluginArchive(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A folder or a packed archive, by what the path is. */
export async function readPluginSource(source: string): Promise<PluginBundle> {
  return /\.(tgz|tar\.gz)$/.test(source) ? readPluginArchive(source) : readPluginFolder(source);
}
