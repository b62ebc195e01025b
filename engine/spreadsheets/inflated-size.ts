// How big an uploaded workbook is once unzipped, counted by inflating it entry by
// entry and stopping as soon as the total passes the limit — the sizes a zip
// declares in its headers can lie. A 300 KB upload that unzips to 87 MB is refused
// after inflating a few MB, before any XML is parsed or held in memory.
import type JSZip from 'jszip';
import { type AppError } from '../errors';
import { messageError } from '../messages/index';

/** A 5,000-row sheet of master data is a few MB of XML; far beyond that is not a shop's import. */
export const MAX_INFLATED_BYTES = 40 * 1024 * 1024;

function tooLarge(limit: number): AppError {
  return messageError('PAYLOAD_TOO_LARGE.unzips_too_large', { mb: Math.round(limit / 1024 / 1024) });
}

function inflate(entry: JSZip.JSZipObject, budget: { left: number }, limit: number): Promise<void> {
  // jszip's stream is a classic one (no async iterator): count its chunks and stop at the limit.
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left >= 0) return;
      stream.pause();
      stream.removeAllListeners('data');
      reject(tooLarge(limit));
    });
    stream.on('end', () => resolve());
    stream.on('error', (err: unknown) => reject(messageError('BAD_REQUEST.not_xlsx', undefined, { cause: err })));
  });
}

export async function assertInflatedSize(file: Buffer, limit = MAX_INFLATED_BYTES): Promise<void> {
  let zip: JSZip;
  try {
    // Loaded with the first upload, not at start-up.
    const { default: jszip } = await import('jszip');
    zip = await jszip.loadAsync(file);
  } catch (err) {
    throw messageError('BAD_REQUEST.not_xlsx', undefined, { cause: err });
  }
  const budget = { left: limit };
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) await inflate(entry, budget, limit);
  }
}
