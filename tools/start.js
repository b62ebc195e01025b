// `npm start` / `npm run workers`: runs the built engine (tools/build-engine.js),
// building it first when it is missing or older than its sources. `server` also
// builds the staff app when it is stale (designer/build-if-stale.ts), then starts
// the engine in this same process, so SIGTERM reaches it and one Node start-up is
// paid, not two.
//   node tools/start.js server | workers | bench-engine
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, ensureEngineBuild } from './build-engine.js';

const entry = process.argv[2] ?? 'server';
if (!Object.hasOwn(ENTRIES, entry)) {
  process.stderr.write(`tools/start.js: unknown entry "${entry}" (one of ${Object.keys(ENTRIES).join(', ')})\n`);
  process.exit(2);
}
// Stack traces in logs name the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);
const dir = await ensureEngineBuild();
const load = (name) => import(pathToFileURL(path.join(dir, `${name}.js`)).href);
if (entry === 'server') await (await load('designer-build')).ensureDesignerBuild();
await load(entry);
