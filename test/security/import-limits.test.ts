// Finding 4: a spreadsheet import cannot stall the engine. A workbook that
// unzips far beyond its upload size is refused (413) while it is being inflated,
// /health keeps answering meanwhile, a sheet past the row limit is refused while
// streaming, and a third import running at once is refused with 429.
import { request as httpRequest, type ClientRequest } from 'node:http';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeHttp, XLSX } from '../spreadsheets/http';

async function customerSheet(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(['code', 'name']);
  for (let i = 0; i < rows; i++) ws.addRow([`B${i}`, `客户 ${i}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid workbook plus one entry of 80 MB of zeros: a few hundred KB on the wire. */
async function bomb(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await customerSheet(1));
  zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Starts a multipart upload and leaves it open: the import holds its slot while it reads the file. */
function openUpload(base: string, token: string): ClientRequest {
  const url = new URL(`${base}/api/documents/customer/import?dryRun=true`);
  const req = httpRequest(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=XYZ' },
  });
  req.on('error', () => undefined);
  req.write(
    `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\nPK`,
  );
  return req;
}

describeHttp('import limits', (s) => {
  it('refuses a workbook that unzips past the limit with 413, and /health answers meanwhile', async () => {
    const file = await bomb();
    expect(file.length).toBeLessThan(1024 * 1024);
    const upload = s().clerk.post('/api/documents/customer/import?dryRun=true', new Uint8Array(file), {
      'content-type': XLSX,
    });
    const health = fetch(`${s().base}/health`);
    const [res, h] = await Promise.all([upload, health]);
    expect(h.status).toBe(200);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a sheet past 5,000 rows with 400', async () => {
    const res = await s().clerk.post(
      '/api/documents/customer/import?dryRun=true',
      new Uint8Array(await customerSheet(5001)),
      { 'content-type': XLSX },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toContain('5000');
  });

  it('refuses a third concurrent import with 429, and takes imports again once they finish', async () => {
    const held = [openUpload(s().base, s().admin.token), openUpload(s().base, s().admin.token)];
    const deadline = Date.now() + 20_000;
    let third: Response | undefined;
    while (Date.now() < deadline) {
      third = await s().admin.post(
        '/api/documents/customer/import?dryRun=true',
        new Uint8Array(await customerSheet(1)),
        { 'content-type': XLSX },
      );
      if (third.status === 429) break;
    }
    expect(third?.status).toBe(429);
    await Promise.all(
      held.map(
        (req) =>
          new Promise<void>((resolve) => {
            req.on('response', (r) => {
              r.resume();
              r.on('end', resolve);
            });
            req.end('\r\n--XYZ--\r\n');
          }),
      ),
    );
    const after = await s().admin.post(
      '/api/documents/customer/import?dryRun=true',
      new Uint8Array(await customerSheet(1)),
      { 'content-type': XLSX },
    );
    expect(after.status).toBe(200);
  });
});
