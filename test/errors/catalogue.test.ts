import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, type ErrorCode } from '../../engine/errors';

const doc = readFileSync(path.resolve(__dirname, '../../docs/errors.md'), 'utf8');
/** Rows of the table in docs/errors.md: code → status. */
const documented = new Map(
  [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])] as const),
);

describe('error catalogue', () => {
  it.each(Object.keys(errorCatalogue) as ErrorCode[])('documents %s with its status in docs/errors.md', (code) => {
    expect(documented.get(code)).toBe(errorCatalogue[code].status);
  });

  it('documents no code the engine does not have', () => {
    expect([...documented.keys()].filter((code) => !(code in errorCatalogue))).toEqual([]);
  });
});
