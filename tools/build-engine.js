// The engine, the workers and the staff app's build check, compiled once to
// JavaScript with esbuild, so a start runs plain JavaScript instead of compiling
// about 350 TypeScript modules at run time (tsx made start-up about 3 s).
// tools/start.js rebuilds when the build is missing or its sources changed, so a
// fresh clone's `npm install && npm start` and a `git pull` need no extra step.
//
// Each build lives in dist/engine/<source hash>/ and appears there by one rename,
// so two processes starting at once (engine and workers) never read a half-written
// build, and a running engine keeps its lazily loaded chunks when a newer build
// lands beside it. Packages stay external: lmdb's native binary and the rest load
// from node_modules as before. Plain JavaScript, as it must run before anything is
// compiled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const buildsDir = path.join(repo, 'dist', 'engine');

/** Output name → source. tools/start.js runs one of these. */
export const ENTRIES = {
  server: 'engine/server.ts',
  workers: 'workers/main.ts',
  'designer-build': 'designer/build-if-stale.ts',
  'bench-engine': 'bench/scale-engine.ts',
};

/** What a build depends on: the bundled sources, the lock file (what is external and how it resolves), this file. */
const SOURCES = [
  'engine',
  'workers',
  'designer/build-if-stale.ts',
  'bench/scale-engine.ts',
  'package-lock.json',
  'tools/build-engine.js',
];
const KEEP_BUILDS = 3;

// Synchronous on purpose: every start hashes ~500 files before anything else can
// run, and fs.promises pays four thread-pool round trips per file (open, stat,
// read, close); the synchronous reads take a quarter of the time (~20 vs ~80 ms).
function filesUnder(rel) {
  const full = path.join(repo, rel);
  const info = statSync(full, { throwIfNoEntry: false });
  if (!info) return [];
  if (info.isFile()) return [rel];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(repo, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** A hash of the sources' contents (file times change on every checkout, contents do not). */
export async function engineSourceHash() {
  const files = SOURCES.flatMap(filesUnder).sort();
  const hash = createHash('sha256');
  hash.update(process.version.split('.')[0]);
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(path.join(repo, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `import.meta.url` names the bundle, not the source: code that finds files next
 * to itself (definitions/, templates/, package.json) would look in dist/. Each
 * module's `import.meta.url` becomes its source file's URL, computed from the
 * bundle's own location so the build still works when the folder is moved whole
 * (a Docker image).
 */
function sourceLocation(outDir) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
        if (/import\.meta\.(dirname|filename)/.test(text)) {
          return { errors: [{ text: 'use import.meta.url: import.meta.dirname and filename are not rewritten' }] };
        }
        if (!text.includes('import.meta.url')) return { contents: text, loader };
        const rel = path.relative(outDir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader };
      });
    },
  };
}

/**
 * Pure-JavaScript packages bundled into the build instead: each is hundreds of
 * small CommonJS files that Node would resolve, read and parse one by one at every
 * start (mingo alone is ~300, and its operator indexes load every operator).
 * Only packages that read no files of their own at run time and that no external
 * package shares state with (one copy in the bundle, perhaps another in node_modules).
 */
const BUNDLED = new Set([
  'mingo',
  'semver',
  // cron-parser and the date library it parses with.
  'cron-parser',
  'luxon',
  // handlebars and the code generator it loads (its other dependencies serve only its CLI).
  'handlebars',
  'source-map',
]);

/**
 * Bundled from their ES module build, not the CommonJS one that the `node`
 * condition picks: esbuild joins ES modules into one scope, where the CommonJS
 * build is ~300 wrapped modules, each run at start through esbuild's require shim
 * (mingo's evaluation at start: ~50 ms as CommonJS, under 10 ms as ES modules).
 */
const ESM_BUILD = new Set(['mingo']);

/** The file a package's `exports` map names for `default` (its ES module build). */
function esmBuildOf(specifier) {
  const name = packageName(specifier);
  const dir = path.dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)));
  const { exports } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const target = exports[`.${specifier.slice(name.length)}`]?.default;
  if (typeof target !== 'string') return { errors: [{ text: `${specifier}: no ES module build in its exports map` }] };
  return { path: path.join(dir, target) };
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Other packages stay external (loaded from node_modules at run time), but Node's own
 * resolver is stricter than tsx: a deep import without an extension
 * (`ajv/dist/2020`) of a package without an `exports` map needs its `.js`.
 */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (ESM_BUILD.has(packageName(args.path))) return esmBuildOf(args.path);
      if (BUNDLED.has(packageName(args.path))) return undefined;
      // A bundled package's own require of another package would become esbuild's
      // require shim, which throws under ESM: its dependencies are bundled too.
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`) && !isBuiltin(args.path)) {
        return { errors: [{ text: `${args.path} (needed by ${args.importer}) must be in BUNDLED too` }] };
      }
      if (args.path.startsWith('node:') || !args.path.includes('/')) return { path: args.path, external: true };
      const scoped = args.path.startsWith('@');
      if (args.path.split('/').length <= (scoped ? 2 : 1)) return { path: args.path, external: true };
      for (const candidate of [args.path, `${args.path}.js`]) {
        // import.meta.resolve maps the name to a file without checking that it exists.
        const url = import.meta.resolve(candidate);
        if (!url.startsWith('file:') || existsSync(fileURLToPath(url))) return { path: candidate, external: true };
      }
      return { errors: [{ text: `cannot resolve ${args.path} as Node would at run time` }] };
    });
  },
};

async function pruneOldBuilds(current) {
  const dirs = [];
  for (const entry of await readdir(buildsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const full = path.join(buildsDir, entry.name);
    // A build another process is writing right now is left to that process.
    if (entry.name.includes('.tmp-')) continue;
    dirs.push({ full, mtime: (await stat(full)).mtimeMs });
  }
  dirs.sort((a, b) => b.mtime - a.mtime);
  for (const { full } of dirs.slice(KEEP_BUILDS - 1)) await rm(full, { recursive: true, force: true });
}

/** Builds the current sources into dist/engine/<hash>/ and returns that folder. */
export async function buildEngine(hash, log = console.log) {
  const { build } = await import('esbuild');
  const outDir = path.join(buildsDir, hash);
  const tmp = `${outDir}.tmp-${process.pid}`;
  await mkdir(buildsDir, { recursive: true });
  await rm(tmp, { recursive: true, force: true });
  const started = performance.now();
  await build({
    absWorkingDir: repo,
    entryPoints: ENTRIES,
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Error classes, Fastify plugins and log lines keep the names they have in the sources.
    keepNames: true,
    sourcemap: 'linked',
    // Stack traces need only the mappings; without the sources' text the maps Node
    // reads and parses at every start are a fraction of the size.
    sourcesContent: false,
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    plugins: [externalPackages, sourceLocation(outDir)],
  });
  try {
    await rename(tmp, outDir);
  } catch (err) {
    // Another process finished the same build first: same sources, same output.
    if (!['ENOTEMPTY', 'EEXIST'].includes(err.code)) throw err;
    await rm(tmp, { recursive: true, force: true });
  }
  await pruneOldBuilds(hash);
  log(`engine: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

/** The folder of a build of the current sources, building it first when there is none. */
export async function ensureEngineBuild(log = console.log) {
  const hash = await engineSourceHash();
  const outDir = path.join(buildsDir, hash);
  if (await stat(path.join(outDir, 'server.js')).catch(() => null)) return outDir;
  const first = !(await stat(buildsDir).catch(() => null));
  log(first ? 'engine: building (first start)…' : 'engine: sources changed, rebuilding…');
  return buildEngine(hash, log);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await ensureEngineBuild();
  console.log(`engine: ${path.relative(repo, dir)}`);
}
