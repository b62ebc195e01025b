// One factory for the ajv that validates document data, so the definition
// checker and the document service agree on dialect, formats and annotations.
import Ajv2020 from 'ajv/dist/2020';
import type { Options } from 'ajv';
import addFormats from 'ajv-formats';

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
    ...options,
  });
  addFormats(ajv);
  // Our annotations: bilingual field label and the definition a reference points to.
  ajv.addKeyword({
    keyword: 'x-title',
    metaSchema: {
      type: 'object',
      required: ['zh-CN', 'en'],
      properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
    },
  });
  ajv.addKeyword({ keyword: 'x-ref', metaSchema: { type: 'string' } });
  return ajv;
}
