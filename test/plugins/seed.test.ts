// A plugin's seed/ data is created on install, once: installing, upgrading or
// retrying never doubles it, and what the shop changed or already had is kept.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../engine/plugins/seed';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { adminClient, archiveOf, createDoc, EYEWEAR, FIXTURES, installArchive, type Client } from './support';

const LAUNDRY = `${FIXTURES}/laundry`;

/** The laundry fixture under another name (its definition keys with `suffix`), with seed files. */
const withSeed = (name: string, version: string, files: Record<string, unknown>, suffix = '') =>
  archiveOf(LAUNDRY, async ({ manifest, dir }) => {
    manifest.name = name;
    manifest.version = version;
    for (const key of suffix ? ['laundry_service', 'laundry_ticket'] : []) {
      const body = JSON.parse(await readFile(`${dir}/definitions/${key}.json`, 'utf8')) as {
        key: string;
        schema: { properties: { service?: Record<string, unknown> } };
      };
      body.key = `${key}${suffix}`;
      if (body.schema.properties.service) body.schema.properties.service['x-ref'] = `laundry_service${suffix}`;
      await writeFile(`${dir}/definitions/${key}.json`, JSON.stringify(body));
      await rename(`${dir}/definitions/${key}.json`, `${dir}/definitions/${key}${suffix}.json`);
    }
    await mkdir(`${dir}/seed`, { recursive: true });
    for (const [file, body] of Object.entries(files)) await writeFile(`${dir}/seed/${file}`, JSON.stringify(body));
  });

const services = (...codes: string[]) => ({
  type: 'laundry_service',
  documents: codes.map((code) => ({ ref: code.toLowerCase(), data: { code, name: `服务 ${code}`, price: 20 } })),
});

describe.each(backends())('plugin seed data ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;
  const get = (type: string, id: string) => admin.req('GET', `/api/documents/${type}/${id}`);

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
  });
  afterAll(async () => t?.close());

  it('creates the eyewear sample products with their lens ranges on install', async () => {
    const res = await installArchive(admin, await archiveOf(EYEWEAR));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().seed).toEqual({ created: 12, existing: 0 });
    const lens = await get('product', seedId('eyewear-retail', 'product', 'lens-174-single-vision-rx'));
    expect(lens.statusCode).toBe(200);
    expect(lens.json().data).toMatchObject({
      sku: 'LS-174-SV-RX',
      eyewearKind: 'spectacle_lens',
      lensIndex: '1.74',
      madeToOrder: true,
      sphMin: -20,
      sphMax: 3,
      cylMin: -6,
    });
    const daily = await get('product', seedId('eyewear-retail', 'product', 'cl-daily-300'));
    expect(daily.json().data).toMatchObject({ replacementCycle: 'daily', lensesPerBox: 30, tracksBatches: true });
    expect(daily.json().state).toBe('active');
  });

  it('resolves @seed: references to the seeded documents and reports what it created', async () => {
    const res = await installArchive(
      admin,
      await withSeed('laundry-a', '1.0.0', {
        '1-services.json': services('WASH', 'IRON'),
        '2-tickets.json': {
          type: 'laundry_ticket',
          documents: [{ ref: 'sample', data: { service: '@seed:wash', pieces: 2, customerName: '样例顾客' } }],
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().seed).toEqual({ created: 3, existing: 0 });
    const ticket = await get('laundry_ticket', seedId('laundry-a', 'laundry_ticket', 'sample'));
    expect(ticket.json().data.service).toBe(seedId('laundry-a', 'laundry_service', 'wash'));
    expect((await admin.req('GET', '/api/documents/laundry_service')).json().items).toHaveLength(2);
  });

  it('creates only what is missing on upgrade, keeping what the shop changed', async () => {
    const wash = (await get('laundry_service', seedId('laundry-a', 'laundry_service', 'wash'))).json();
    const patched = await admin.req('PATCH', `/api/documents/laundry_service/${wash.id}`, {
      data: { ...wash.data, price: 25 },
      version: wash.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const up = await admin.req(
      'PUT',
      '/api/plugins/laundry-a',
      await withSeed('laundry-a', '1.1.0', { '1-services.json': services('WASH', 'IRON', 'DRY') }),
      { 'content-type': 'application/gzip' },
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().seed).toEqual({ created: 1, existing: 2 });
    expect((await admin.req('GET', '/api/documents/laundry_service')).json().items).toHaveLength(3);
    expect((await get('laundry_service', wash.id)).json().data.price).toBe(25);
  });

  it('keeps a document the shop already has under the same unique value instead of doubling it', async () => {
    await createDoc(admin, 'laundry_service', { code: 'FOLD', name: '叠衣（店内）', price: 5 });
    const up = await admin.req(
      'PUT',
      '/api/plugins/laundry-a',
      await withSeed('laundry-a', '1.2.0', { '1-services.json': services('WASH', 'IRON', 'DRY', 'FOLD') }),
      { 'content-type': 'application/gzip' },
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().seed).toEqual({ created: 0, existing: 4 });
    const all = (await admin.req('GET', '/api/documents/laundry_service')).json().items as Array<{
      data: { code: string; name: string };
    }>;
    expect(all.filter((d) => d.data.code === 'FOLD').map((d) => d.data.name)).toEqual(['叠衣（店内）']);
  });

  it('refuses seed data that does not fit its definition, naming the field, and publishes nothing', async () => {
    const res = await installArchive(
      admin,
      await withSeed(
        'laundry-b',
        '1.0.0',
        {
          'services.json': {
            type: 'laundry_service_b',
            documents: [{ ref: 'bad', data: { code: 'BAD', name: '坏数据', price: 'free' } }],
          },
        },
        '_b',
      ),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: '/seed/services.json/documents/0/data/price' }),
    ]);
    const plugins = (await admin.req('GET', '/api/plugins')).json().items.map((p: { name: string }) => p.name);
    expect(plugins).not.toContain('laundry-b');
    // Its definitions were published before the seed was checked, and taken back.
    expect((await admin.req('GET', '/api/definitions/laundry_service_b')).statusCode).toBe(404);
  });

  it('refuses a badly shaped seed file before publishing anything', async () => {
    const res = await installArchive(
      admin,
      await withSeed(
        'laundry-c',
        '1.0.0',
        { 'services.json': { type: 'laundry_service_c', documents: [{ data: {} }] } },
        '_c',
      ),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('/seed/services.json/documents/0');
  });
});
