// `npm start` runs this before the engine: the staff app is built when its build
// is missing or older than its sources, so a fresh clone needs no extra command
// and a `git pull` never serves yesterday's app. Chosen over a `prepare` script
// because that runs only at install: it would miss a pull, and it would fail an
// install without dev dependencies. Freshness is a hash of the sources (file
// times change on every checkout), kept next to the build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = path.resolve(root, '..');
export const defaultOutDir = path.join(root, 'dist');
const STAMP = '.source-hash';

// Synchronous reads on purpose: this runs on every `npm start` before the engine
// loads, and fs.promises pays four thread-pool round trips per file (open, stat,
// read, close), several times slower than reading the ~140 files in one go.
function sourceFiles(): string[] {
  const src = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true });
  const files = src.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  // The engine's definition types are part of the app's sources; the lock file pins what gets bundled.
  files.push(path.join(root, 'index.html'), path.join(root, 'vite.config.ts'), path.join(repo, 'package-lock.json'));
  return files.sort();
}

const readOrEmpty = (file: string): Buffer => {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
};

export async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    hash.update(path.relative(repo, file));
    hash.update(readOrEmpty(file));
  }
  return hash.digest('hex');
}

export async function isFresh(outDir = defaultOutDir): Promise<boolean> {
  const stamp = await readFile(path.join(outDir, STAMP), 'utf8').catch(() => '');
  return stamp !== '' && stamp === (await sourceHash());
}

export interface EnsureResult {
  built: boolean;
  outDir: string;
}

/** Builds into `outDir` unless a build of the current sources is already there. */
export async function ensureDesignerBuild(
  outDir = defaultOutDir,
  log: (line: string) => void = console.log,
): Promise<EnsureResult> {
  const hash = await sourceHash();
  const stamp = await readFile(path.join(outDir, STAMP), 'utf8').catch(() => '');
  if (stamp === hash) return { built: false, outDir };
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    // A production install without dev dependencies serves whatever build it shipped with.
    log('staff app: vite is not installed; serving the existing build, if any');
    return { built: false, outDir };
  }
  log(stamp ? 'staff app: sources changed, rebuilding…' : 'staff app: building (first start)…');
  // Under vitest NODE_ENV is "test", which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile: path.join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(path.join(outDir, STAMP), hash);
  log('staff app: built');
  return { built: true, outDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureDesignerBuild();
}
