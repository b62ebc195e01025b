import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDefinition } from '../../engine/definitions/lint/index';
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
} from './support';

const LAUNDRY = `${FIXTURES}/laundry`;

describe.each(backends())('plugin lifecycle over the API ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
  });
  afterAll(async () => t?.close());

  it('refuses a non-admin with 403', async () => {
    const clerk = await userClient(t.app, admin, 'clerk_plugins', ['sales_clerk']);
    expect((await clerk.req('GET', '/api/plugins')).statusCode).toBe(403);
    const res = await installArchive(clerk, await archiveOf(LAUNDRY));
    expect(res.statusCode).toBe(403);
  });

  it('refuses a plugin built for another engine version, naming /manifest/engine', async () => {
    const res = await installArchive(
      admin,
      await archiveOf(LAUNDRY, async ({ manifest }) => void (manifest.engine = '^2.0.0')),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/manifest/engine' })]);
  });

  it('refuses a definition that collides with a built-in key unless the manifest extends it (409)', async () => {
    const res = await installArchive(
      admin,
      await archiveOf(LAUNDRY, async ({ manifest, dir }) => {
        manifest.name = 'clash';
        const { writeFile, readFile } = await import('node:fs/promises');
        const body = JSON.parse(await readFile(`${dir}/definitions/laundry_service.json`, 'utf8')) as { key: string };
        body.key = 'warehouse';
        await writeFile(`${dir}/definitions/laundry_service.json`, JSON.stringify(body));
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('/definitions/laundry_service.json/key');
    expect((await admin.req('GET', '/api/definitions/warehouse')).json().source).toBe('builtin');
  });

  it('refuses a plugin whose definitions do not lint, publishing none of them', async () => {
    const res = await installArchive(
      admin,
      await archiveOf(LAUNDRY, async ({ dir }) => {
        const { writeFile, readFile } = await import('node:fs/promises');
        const body = JSON.parse(await readFile(`${dir}/definitions/laundry_ticket.json`, 'utf8')) as {
          transitions: Array<{ to: string }>;
        };
        body.transitions[0].to = 'nowhere';
        await writeFile(`${dir}/definitions/laundry_ticket.json`, JSON.stringify(body));
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(
      res.json().errors.some((e: { path: string }) => e.path.startsWith('/definitions/laundry_ticket/transitions/0')),
    ).toBe(true);
    expect((await admin.req('GET', '/api/definitions/laundry_service')).statusCode).toBe(404);
    expect((await admin.req('GET', '/api/plugins')).json().items).toEqual([]);
  });

  it('installs the packed archive: its definitions are published, lint-clean, under the plugin as source', async () => {
    const res = await installArchive(admin, await archiveOf(LAUNDRY));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'laundry',
      version: '1.0.0',
      definitions: [
        { key: 'laundry_service', version: 1 },
        { key: 'laundry_ticket', version: 1 },
      ],
    });
    for (const key of ['laundry_service', 'laundry_ticket']) {
      const def = await admin.req('GET', `/api/definitions/${key}`);
      expect(def.statusCode).toBe(200);
      expect(def.json().source).toBe('plugin:laundry');
      const { source: _s, publishedAt: _a, publishedBy: _b, ...body } = def.json();
      const lint = await admin.req('POST', '/api/definitions/lint', body);
      expect(lint.json().findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    }
    expect((await admin.req('GET', '/api/plugins')).json().items).toEqual([
      expect.objectContaining({ name: 'laundry', version: '1.0.0' }),
    ]);
    expect(lintDefinition).toBeTypeOf('function');
  });

  it('refuses installing the same plugin twice with 409', async () => {
    expect((await installArchive(admin, await archiveOf(LAUNDRY))).statusCode).toBe(409);
  });

  it('upgrades: new definition versions, documents created before keep theirs', async () => {
    const service = await createDoc(admin, 'laundry_service', { code: 'WASH', name: '水洗', price: 20 });
    const before = await createDoc(admin, 'laundry_ticket', { service: service.id, pieces: 2, customerName: '张三' });
    expect(before.definitionVersion).toBe(1);
    const same = await admin.req('PUT', '/api/plugins/laundry', await archiveOf(LAUNDRY), {
      'content-type': 'application/gzip',
    });
    expect(same.statusCode).toBe(409);
    const up = await admin.req(
      'PUT',
      '/api/plugins/laundry',
      await archiveOf(LAUNDRY, async ({ manifest, dir }) => {
        manifest.version = '1.1.0';
        const { writeFile, readFile } = await import('node:fs/promises');
        const body = JSON.parse(await readFile(`${dir}/definitions/laundry_ticket.json`, 'utf8')) as {
          schema: { properties: Record<string, unknown> };
        };
        body.schema.properties.express = {
          type: 'boolean',
          title: '加急',
          'x-title': { 'zh-CN': '加急', en: 'Express' },
        };
        await writeFile(`${dir}/definitions/laundry_ticket.json`, JSON.stringify(body));
      }),
      { 'content-type': 'application/gzip' },
    );
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({
      version: '1.1.0',
      definitions: expect.arrayContaining([{ key: 'laundry_ticket', version: 2, overlay: false }]),
    });
    const after = await createDoc(admin, 'laundry_ticket', {
      service: service.id,
      pieces: 1,
      customerName: '李四',
      express: true,
    });
    expect(after.definitionVersion).toBe(2);
    const old = await admin.req('GET', `/api/documents/laundry_ticket/${before.id}`);
    expect(old.json().definitionVersion).toBe(1);
    // The old document still moves through its workflow under version 1.
    expect((await transition(admin, 'laundry_ticket', old.json(), 'wash')).state).toBe('washed');
  });

  it('refuses uninstall while documents of its types exist, naming them', async () => {
    const res = await admin.req('DELETE', '/api/plugins/laundry');
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['/documents/laundry_service', '/documents/laundry_ticket']);
    expect((await admin.req('GET', '/api/definitions/laundry_ticket')).statusCode).toBe(200);
  });

  it('uninstalls a plugin with no documents: its definitions are gone', async () => {
    const other = await installArchive(
      admin,
      await archiveOf(LAUNDRY, async ({ manifest, dir }) => {
        manifest.name = 'laundry-two';
        const { rename, readFile, writeFile } = await import('node:fs/promises');
        for (const key of ['laundry_service', 'laundry_ticket']) {
          const body = JSON.parse(await readFile(`${dir}/definitions/${key}.json`, 'utf8')) as {
            key: string;
            schema: { properties: { service?: Record<string, unknown> } };
          };
          body.key = `${key}_two`;
          if (body.schema.properties.service) body.schema.properties.service['x-ref'] = 'laundry_service_two';
          await writeFile(`${dir}/definitions/${key}.json`, JSON.stringify(body));
          await rename(`${dir}/definitions/${key}.json`, `${dir}/definitions/${key}_two.json`);
        }
      }),
    );
    expect(other.statusCode).toBe(201);
    const res = await admin.req('DELETE', '/api/plugins/laundry-two');
    expect(res.statusCode).toBe(200);
    expect((await admin.req('GET', '/api/definitions/laundry_ticket_two')).statusCode).toBe(404);
    expect((await admin.req('GET', '/api/plugins')).json().items.map((p: { name: string }) => p.name)).toEqual([
      'laundry',
    ]);
  });
});
