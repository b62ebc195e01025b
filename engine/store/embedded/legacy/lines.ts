// Lines of the earlier store's files (read to convert them; the backup file reader
// uses readRawLines too). Each line carries its own checksum, so a line torn by a crash
// (or damaged on disk) is recognised instead of being half-applied:
//   <crc32 of the JSON, 8 hex digits> <JSON>\n
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

const HEX = /^[0-9a-f]{8}$/;

/** The parsed JSON of a line, or undefined when the line is torn or damaged. */
export function parseLine(text: string): unknown {
  if (text.length < 10 || text[8] !== ' ') return undefined;
  const sum = text.slice(0, 8);
  const json = text.slice(9);
  if (!HEX.test(sum) || crc32(json).toString(16).padStart(8, '0') !== sum) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // A matching checksum over invalid JSON means we wrote garbage, which never
    // happens; treat it like any damaged line.
    return undefined;
  }
}

export interface RawLine {
  /** Without the trailing newline. */
  text: string;
  /** Byte offset of the line's first byte in the file. */
  start: number;
  /** Byte offset just after the line (after its newline when it has one). */
  end: number;
  /** False for a last line with no newline: a write that did not finish. */
  complete: boolean;
}

const CHUNK = 1 << 20;

/** Reads a file line by line from an open handle, keeping byte offsets for truncation. */
export async function* readRawLines(handle: FileHandle): AsyncGenerator<RawLine> {
  let pending = Buffer.alloc(0);
  let pendingStart = 0;
  let position = 0;
  const chunk = Buffer.alloc(CHUNK);
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const buffer =
      pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let from = 0;
    for (let nl = buffer.indexOf(10, from); nl !== -1; nl = buffer.indexOf(10, from)) {
      yield {
        text: buffer.toString('utf8', from, nl),
        start: pendingStart + from,
        end: pendingStart + nl + 1,
        complete: true,
      };
      from = nl + 1;
    }
    // Copy: the chunk buffer is reused by the next read.
    pending = Buffer.from(buffer.subarray(from));
    pendingStart += from;
  }
  if (pending.length > 0) {
    yield { text: pending.toString('utf8'), start: pendingStart, end: pendingStart + pending.length, complete: false };
  }
}
