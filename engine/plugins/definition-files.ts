// Reads the built-in and plugin definition files, so the CLI and the tests lint
// exactly the same set, each with the others available for `related` lookups.
// It lives with plugins, not definitions, because it reads plugin folders:
// definitions stays below plugins (docs/architecture.md, "Module map").
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Definition, LintOptions } from '../definitions/index';
import { readPluginFolder } from './bundle';
import { mergeOverlay, pluginDefinitions } from './plugin-definitions';

export interface DefinitionFile {
  /** Path relative to the project root, for messages. */
  file: string;
  content: unknown;
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** `definitions/*.json` and `plugins/<name>/definitions/*.json` under `root`. */
export async function definitionFiles(root: string): Promise<string[]> {
  const files = await jsonFiles(join(root, 'definitions'));
  const pluginsDir = join(root, 'plugins');
  let plugins: string[] = [];
  try {
    plugins = (await readdir(pluginsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const name of plugins) files.push(...(await jsonFiles(join(pluginsDir, name, 'definitions'))));
  return files;
}

/**
 * A plugin's definitions as it would publish them: templates kept in templates/
 * inlined, and overlays (keys its manifest `extends`) merged into the built-in.
 */
async function pluginFiles(
  root: string,
  pluginDir: string,
  builtins: readonly DefinitionFile[],
): Promise<DefinitionFile[]> {
  const bundle = await readPluginFolder(pluginDir);
  return pluginDefinitions(bundle).map((d) => {
    const file = relative(root, join(pluginDir, d.file));
    if (!d.overlay) return { file, content: d.body };
    const base = builtins.find((b) => (b.content as { key?: unknown } | null)?.key === d.key);
    if (!base) throw new Error(`${file}: overlays "${d.key}", which is not a built-in definition`);
    return { file, content: mergeOverlay(base.content as Definition, d) };
  });
}

/** Throws with the file name when a file is not valid JSON. */
export async function loadDefinitionFiles(root: string): Promise<DefinitionFile[]> {
  const out: DefinitionFile[] = [];
  const pluginDirs = new Set<string>();
  for (const path of await definitionFiles(root)) {
    const file = relative(root, path);
    if (file.startsWith(`plugins${sep}`)) {
      pluginDirs.add(join(root, ...file.split(sep).slice(0, 2)));
      continue;
    }
    try {
      out.push({ file, content: JSON.parse(await readFile(path, 'utf8')) as unknown });
    } catch (err) {
      throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  const builtins = [...out];
  for (const dir of pluginDirs) out.push(...(await pluginFiles(root, dir, builtins)));
  return out;
}

/** Lint options that resolve `related` types among the loaded files (later files win, as plugins extend). */
export function optionsFor(files: readonly DefinitionFile[]): LintOptions {
  const byKey = new Map<string, Definition>();
  for (const { content } of files) {
    const key = (content as { key?: unknown } | null)?.key;
    if (typeof key === 'string') byKey.set(key, content as Definition);
  }
  return { resolveDefinition: (key) => byKey.get(key) };
}
