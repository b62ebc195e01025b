// The whole eyewear plugin, once installed, opens in the designer and publishes
// back unchanged: what the designer's editor would send (GET → builder model →
// definition) is the published definition itself, lints clean, and publishing it
// makes a new version with the same body — so a consultant can carry it on in
// the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripEnvelope } from '../../designer/src/designer/api';
import { fromDefinition, toDefinition } from '../../designer/src/designer/model/form-model';
import type { Definition } from '../../engine/definitions/index';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { adminClient, archiveOf, EYEWEAR, installArchive, type Client } from './support';

/** What the designer's editor holds for a definition it opened, and would publish. */
const throughDesigner = (body: Record<string, unknown>) => {
  const opened = stripEnvelope(body) as unknown as Definition;
  const out: Record<string, unknown> = { ...toDefinition(fromDefinition(structuredClone(opened))) };
  delete out.version;
  return out;
};

describe.each(backends())('eyewear definitions in the designer ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;
  let installed: Array<{ key: string; version: number }>;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
    const res = await installArchive(admin, await archiveOf(EYEWEAR));
    expect(res.statusCode, res.body).toBe(201);
    installed = res.json().definitions;
  });
  afterAll(async () => t?.close());

  it('opens every definition of the plugin and gets it back unchanged, lint-clean', async () => {
    expect(installed.map((d) => d.key).sort()).toEqual([
      'counter_sale',
      'customer',
      'eye_exam_appointment',
      'eyewear_after_sales',
      'glasses_order',
      'goods_receipt',
      'prescription',
      'product',
    ]);
    for (const { key } of installed) {
      const body = (await admin.req('GET', `/api/definitions/${key}`)).json();
      const edited = throughDesigner(body);
      expect(JSON.stringify(edited), key).toBe(JSON.stringify(stripEnvelope(body)));
      const lint = await admin.req('POST', '/api/definitions/lint', edited);
      expect(
        lint.json().findings.filter((f: { severity: string }) => f.severity === 'error'),
        key,
      ).toEqual([]);
    }
  });

  it('publishes each one back from the designer as a new version with the same body', async () => {
    for (const { key, version } of installed) {
      const before = (await admin.req('GET', `/api/definitions/${key}`)).json();
      const res = await admin.req('PUT', `/api/definitions/${key}`, throughDesigner(before));
      expect(res.statusCode, `${key}: ${res.body}`).toBe(201);
      const after = (await admin.req('GET', `/api/definitions/${key}`)).json();
      expect(after.version, key).toBe(version + 1);
      expect(stripEnvelope(after), key).toEqual(stripEnvelope(before));
    }
  });
});
