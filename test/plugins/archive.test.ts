// Uninstalling with archive: the plugin's documents stay and open, list and
// print, but nothing writes them; its definitions get an archived version; and
// installing the plugin again makes them writable again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import {
  adminClient,
  archiveOf,
  createDoc,
  FIXTURES,
  installArchive,
  transition,
  userClient,
  type Client,
  type DocView,
} from './support';

const LAUNDRY = `${FIXTURES}/laundry`;

describe.each(backends())('uninstall with archive ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  let service: DocView;
  let ticket: DocView;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
    expect((await installArchive(admin, await archiveOf(LAUNDRY))).statusCode).toBe(201);
    clerk = await userClient(t.app, admin, 'laundry_clerk1', ['laundry_clerk']);
    service = await createDoc(admin, 'laundry_service', { code: 'WASH', name: '水洗', price: 20 });
    ticket = await createDoc(admin, 'laundry_ticket', { service: service.id, pieces: 3, customerName: '王五' });
  });
  afterAll(async () => t?.close());

  it('refuses a plain uninstall while documents exist, pointing to archive', async () => {
    const res = await admin.req('DELETE', '/api/plugins/laundry', undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('archive');
  });

  it('archives: every definition gets an archived version and the documents are counted', async () => {
    const res = await admin.req('DELETE', '/api/plugins/laundry?archive=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: 'laundry',
      version: '1.0.0',
      archived: true,
      definitions: [
        { key: 'laundry_service', version: 2, overlay: false, documents: 1 },
        { key: 'laundry_ticket', version: 2, overlay: false, documents: 1 },
      ],
    });
    const def = (await admin.req('GET', '/api/definitions/laundry_ticket')).json();
    expect(def).toMatchObject({ version: 2, archived: true, source: 'plugin:laundry' });
    const listed = (await admin.req('GET', '/api/definitions')).json().items as Array<{ key: string; archived?: true }>;
    expect(listed.find((d) => d.key === 'laundry_ticket')?.archived).toBe(true);
    expect((await admin.req('GET', '/api/plugins')).json().items).toEqual([
      expect.objectContaining({ name: 'laundry', archived: true }),
    ]);
  });

  it('keeps the documents readable: open, list and history', async () => {
    const doc = await admin.req('GET', `/api/documents/laundry_ticket/${ticket.id}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.json().data.customerName).toBe('王五');
    expect((await clerk.req('GET', '/api/documents/laundry_ticket')).json().items).toHaveLength(1);
    expect((await admin.req('GET', `/api/documents/laundry_ticket/${ticket.id}/history`)).statusCode).toBe(200);
  });

  it('refuses every write, even by an admin, saying the type is archived in the caller’s language', async () => {
    const current = (await admin.req('GET', `/api/documents/laundry_ticket/${ticket.id}`)).json();
    const attempts = [
      await admin.req('POST', '/api/documents/laundry_ticket', {
        data: { service: service.id, pieces: 1, customerName: '赵六' },
      }),
      await admin.req('PATCH', `/api/documents/laundry_ticket/${ticket.id}`, {
        data: { ...current.data, pieces: 4 },
        version: current.version,
      }),
      await clerk.req('POST', `/api/documents/laundry_ticket/${ticket.id}/transitions/wash`, {
        version: current.version,
      }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([422, 422, 422]);
    expect(attempts[0].json().detail).toContain('已归档');
    const en = await admin.req(
      'POST',
      `/api/documents/laundry_ticket/${ticket.id}/transitions/wash`,
      { version: 1 },
      {
        'accept-language': 'en',
      },
    );
    expect(en.json().detail).toBe('laundry_ticket is archived; its documents are read-only');
    expect((await admin.req('GET', `/api/documents/laundry_ticket/${ticket.id}`)).json()).toMatchObject({
      state: 'received',
      version: current.version,
      data: { pieces: 3 },
    });
  });

  it('makes them writable again when the plugin is installed again', async () => {
    const res = await installArchive(admin, await archiveOf(LAUNDRY));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().definitions).toEqual([
      { key: 'laundry_service', version: 3, overlay: false },
      { key: 'laundry_ticket', version: 3, overlay: false },
    ]);
    const current = (await admin.req('GET', `/api/documents/laundry_ticket/${ticket.id}`)).json();
    expect((await transition(clerk, 'laundry_ticket', current, 'wash')).state).toBe('washed');
  });
});
