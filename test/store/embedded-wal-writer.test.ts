// The embedded store's write-ahead log writer, against an in-memory file handle:
// group commit and what happens after a disk error.
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createWalWriter } from '../../engine/store/embedded/wal-writer';

interface FakeFile {
  handle: FileHandle;
  written: string[];
  syncs: number;
  closed: boolean;
  failWrites: boolean;
}

function fakeFile(): FakeFile {
  const file: FakeFile = { handle: undefined as unknown as FileHandle, written: [], syncs: 0, closed: false, failWrites: false };
  file.handle = {
    async write(data: Buffer, offset: number, length: number) {
      if (file.failWrites) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      file.written.push(data.toString('utf8', offset, offset + length));
      return { bytesWritten: length, buffer: data };
    },
    async datasync() {
      file.syncs += 1;
    },
    async close() {
      file.closed = true;
    },
  } as unknown as FileHandle;
  return file;
}

describe('WAL writer', () => {
  it('writes and fsyncs concurrent appends as one batch, in order', async () => {
    const file = fakeFile();
    const writer = createWalWriter({ handle: file.handle, bytes: 0, fsync: true });
    await Promise.all(Array.from({ length: 100 }, (_, i) => writer.append(`${i}\n`)));
    expect(file.syncs).toBe(1);
    expect(file.written.join('')).toBe(Array.from({ length: 100 }, (_, i) => `${i}\n`).join(''));
    expect(writer.bytes).toBe(file.written.join('').length);
  });

  it('resolves an append only after its batch is fsynced', async () => {
    const file = fakeFile();
    const writer = createWalWriter({ handle: file.handle, bytes: 0, fsync: true });
    await writer.append('a\n');
    expect(file.syncs).toBe(1);
    expect(file.written).toEqual(['a\n']);
  });

  it('finishes earlier appends in the old file before switching to the next', async () => {
    const first = fakeFile();
    const second = fakeFile();
    const writer = createWalWriter({ handle: first.handle, bytes: 0, fsync: true });
    const before = writer.append('old\n');
    const switched = writer.switchTo(second.handle);
    const after = writer.append('new\n');
    await Promise.all([before, switched, after]);
    expect(first.written.join('')).toBe('old\n');
    expect(first.closed).toBe(true);
    expect(second.written.join('')).toBe('new\n');
    expect(writer.bytes).toBe(4);
  });

  it('fails the batch and every later append after a disk error', async () => {
    const file = fakeFile();
    const writer = createWalWriter({ handle: file.handle, bytes: 0, fsync: true });
    await writer.append('ok\n');
    file.failWrites = true;
    await expect(writer.append('lost\n')).rejects.toThrow(/ENOSPC/);
    file.failWrites = false;
    await expect(writer.append('later\n')).rejects.toThrow(/ENOSPC/);
    expect(writer.failure?.message).toMatch(/ENOSPC/);
    expect(file.written).toEqual(['ok\n']);
  });

  it('reports each durable batch so compaction can start', async () => {
    const file = fakeFile();
    const seen: number[] = [];
    const writer = createWalWriter({ handle: file.handle, bytes: 10, fsync: false, onFlushed: (b) => seen.push(b) });
    await writer.append('abc\n');
    expect(seen).toEqual([14]);
    expect(file.syncs).toBe(0);
  });
});
