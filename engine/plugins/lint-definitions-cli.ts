// `npm run lint:definitions`: lints definitions/*.json and
// plugins/*/definitions/*.json; prints `file path severity message`; exits 1 on
// any error so CI refuses a broken built-in definition.
import { lintDefinition } from '../definitions/index';
import { loadDefinitionFiles, optionsFor } from './definition-files';

async function main(): Promise<number> {
  const root = process.cwd();
  const files = await loadDefinitionFiles(root);
  const options = optionsFor(files);
  let errors = 0;
  let warnings = 0;
  for (const { file, content } of files) {
    for (const f of lintDefinition(content, options)) {
      if (f.severity === 'error') errors++;
      else warnings++;
      console.log(`${file} ${f.path || '/'} ${f.severity} ${f.message}`);
    }
  }
  console.log(`${files.length} definition file(s): ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
