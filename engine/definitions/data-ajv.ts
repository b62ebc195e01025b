// One factory for the ajv that validates document data, so the definition
// checker and the document service agree on dialect, formats and annotations.
import Ajv2020 from 'ajv/dist/2020';
import type { Options } from 'ajv';
import addFormats from 'ajv-formats';
import { addNumberBoundsKeywords } from './number-bounds';

/** ajv's console logger, minus its one-line deprecation notice for `unicode: false`, chosen above on purpose. */
const quietUnicodeDeprecation = {
  log: console.log,
  warn: (...args: unknown[]) => {
    if (!String(args[0]).startsWith('DEPRECATED: option unicode')) console.warn(...args);
  },
  error: console.error,
};

/**
 * Ajv for draft 2020-12 data schemas. Strict schema mode stays on so a typo in a
 * keyword fails at publish time rather than being silently ignored; strictTypes is
 * off because rjsf-style schemas often put `properties` beside `oneOf` without a
 * repeated `type`.
 */
export function createDataAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    // minLength/maxLength count UTF-16 units instead of code points: identical for
    // Chinese and Latin text (all in the BMP), and it triples validation speed
    // (ajv's code-point counting dominated a 10-line order). An emoji counts as 2.
    unicode: false,
    logger: quietUnicodeDeprecation,
    ...options,
  });
  addFormats(ajv);
  // Our annotations: bilingual field label and help text, and the definition a
  // reference points to.
  const localized = {
    type: 'object',
    required: ['zh-CN', 'en'],
    properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  };
  ajv.addKeyword({ keyword: 'x-title', metaSchema: localized });
  ajv.addKeyword({ keyword: 'x-description', metaSchema: localized });
  ajv.addKeyword({ keyword: 'x-ref', metaSchema: { type: 'string' } });
  addNumberBoundsKeywords(ajv);
  return ajv;
}
