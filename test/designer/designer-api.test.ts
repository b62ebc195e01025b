// The designer's engine endpoints over real HTTP on every store: the definition list
// with versions and document counts, try-it on unpublished approval levels, the
// upgrade dry-run before publishing, the print preview and the registered effects.
// None of them writes.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createDoc, describeApprovals, order, type Harness } from '../approvals/harness';

const salesOrder = async () => {
  const def = JSON.parse(await readFile(new URL('../../definitions/sales_order.json', import.meta.url), 'utf8'));
  delete def.version;
  return def;
};

const withDirector = async () => {
  const def = await salesOrder();
  def.transitions[0].approval.levels.push({
    key: 'director',
    label: { 'zh-CN': '总监', en: 'Director' },
    when: { '>=': [{ var: 'data.total' }, 500000] },
    approvers: { roles: ['director'] },
    mode: 'any',
  });
  return def;
};

describeApprovals('designer endpoints', (h: () => Harness) => {
  it('lists every definition with its versions, documents per version, source and lint status', async () => {
    await createDoc(h().clerk, 'sales_order', order(h(), 1, 100).data);
    const res = await h().admin.call('GET', '/api/designer/definitions');
    expect(res.status).toBe(200);
    const so = res.body.items.find((d: { key: string }) => d.key === 'sales_order');
    expect(so).toMatchObject({ latest: 5, source: 'builtin', lint: { errors: 0 } });
    expect(so.versions).toEqual([expect.objectContaining({ version: 5, documents: 1, source: 'builtin' })]);
    expect(res.body.items.find((d: { key: string }) => d.key === 'customer').versions[0].documents).toBe(2);
  });

  it('refuses the designer endpoints to a non-admin with 403', async () => {
    expect((await h().clerk.call('GET', '/api/designer/definitions')).status).toBe(403);
    expect((await h().clerk.call('GET', '/api/designer/effects')).status).toBe(403);
  });

  it('lists the registered effects for the picker: the built-in ones with their phase, and one a plugin registers', async () => {
    const names = async () =>
      (await h().admin.call('GET', '/api/designer/effects')).body.items as Array<{
        name: string;
        builtin: boolean;
        registered: boolean;
        phase: string;
      }>;
    const before = await names();
    expect(before.slice(0, 3).map((e) => e.name)).toEqual([
      'inventory.reserve',
      'inventory.release',
      'inventory.issue',
    ]);
    expect(before.find((e) => e.name === 'inventory.reserve')).toEqual({
      name: 'inventory.reserve',
      builtin: true,
      registered: true,
      phase: 'before-commit',
    });
    expect(before.find((e) => e.name === 'document.create')).toMatchObject({ builtin: true, phase: 'after-commit' });
    expect(before.some((e) => e.name === 'test.stamp')).toBe(false);
    // What a plugin does through the engine context (engine/plugins registers the same way).
    const effects = h().t.app.engine.effects;
    effects.register('test.stamp', async () => undefined, { phase: 'after-commit' });
    try {
      expect((await names()).find((e) => e.name === 'test.stamp')).toEqual({
        name: 'test.stamp',
        builtin: false,
        registered: true,
        phase: 'after-commit',
      });
    } finally {
      effects.unregister('test.stamp');
    }
    expect((await names()).some((e) => e.name === 'test.stamp')).toBe(false);
  });

  it('tries unpublished levels: a 600,000 order needs manager, finance and director; the published definition is unchanged', async () => {
    const res = await h().admin.call('POST', '/api/designer/explain', {
      definition: await withDirector(),
      transition: 'submit',
      data: order(h(), 6000, 100).data,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe(600000);
    expect(res.body.outcome).toEqual({ applicable: ['manager', 'finance', 'director'], state: 'pending_review' });
    expect(res.body.levels[2].why).toMatchObject({ text: 'data.total ≥ 500000', holds: true });
    const small = await h().admin.call('POST', '/api/designer/explain', {
      definition: await withDirector(),
      transition: 'submit',
      data: order(h(), 1, 100).data,
    });
    expect(small.body.outcome).toEqual({ applicable: [], state: 'approved' });
    expect((await h().admin.call('GET', '/api/definitions/sales_order')).body.version).toBe(5);
  });

  it('tries what-if values: a 600,000 total from a C customer, without building such an order', async () => {
    const assume = { 'data.total': 600000, 'related.customer.creditLevel': 'C' };
    const res = await h().admin.call('POST', '/api/designer/explain', {
      definition: await withDirector(),
      transition: 'submit',
      data: {},
      assume,
    });
    expect(res.status).toBe(200);
    expect(res.body.outcome.applicable).toEqual(['manager', 'finance', 'director']);
    expect(res.body.levels[1].why.vars).toEqual({ 'data.total': 600000, 'related.customer.creditLevel': 'C' });
    const bad = await h().admin.call('POST', '/api/designer/explain', {
      definition: await withDirector(),
      transition: 'submit',
      assume: { 'user.roles': ['admin'] },
    });
    expect(bad.status).toBe(422);
  });

  it('answers 422 naming the path for a draft that is not a valid definition', async () => {
    const def = await salesOrder();
    def.states = 'none';
    const res = await h().admin.call('POST', '/api/designer/explain', {
      definition: def,
      transition: 'submit',
      data: {},
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/states');
  });

  it('upgrade dry-run: counts the documents on older versions that validate under the new one, naming those that fail', async () => {
    const def = await salesOrder();
    def.schema.properties.deliveryAddress = {
      type: 'string',
      title: '收货地址',
      'x-title': { 'zh-CN': '收货地址', en: 'Delivery address' },
    };
    const ok = await h().admin.call('POST', '/api/designer/definitions/sales_order/upgrade-dry-run', {
      definition: def,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.nextVersion).toBe(6);
    const v5 = ok.body.versions.find((v: { version: number }) => v.version === 5);
    expect(v5.documents).toBeGreaterThan(0);
    expect(v5.valid).toBe(v5.documents);
    def.schema.required.push('deliveryAddress');
    const strict = await h().admin.call('POST', '/api/designer/definitions/sales_order/upgrade-dry-run', {
      definition: def,
    });
    expect(strict.body.versions.find((v: { version: number }) => v.version === 5).valid).toBe(0);
    expect(strict.body.failures[0].errors[0].path).toBe('/deliveryAddress');
    expect((await h().admin.call('GET', '/api/definitions/sales_order')).body.version).toBe(5);
  });

  it('previews a print template against a document, and names the line of a template error', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', order(h(), 2, 100).data);
    const body = '<h1>{{doc.number}}</h1>\n<p>{{money data.total}} {{rmbUpper data.total}}</p>';
    const res = await h().admin.call('POST', '/api/designer/print-preview', { body, type: 'sales_order', id: doc.id });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain(doc.number);
    expect(res.body.html).toContain('贰佰元整');
    const bad = await h().admin.call('POST', '/api/designer/print-preview', {
      body: '<p>\n{{#each data.lines}}\n{{/if}}',
      type: 'sales_order',
      id: doc.id,
    });
    expect(bad.body.error.line).toBe(2); // the block that the wrong {{/if}} fails to close opens on line 2
    const unknown = await h().admin.call('POST', '/api/designer/print-preview', {
      body: '<p>\n\n{{nope data.total}}',
      type: 'sales_order',
    });
    expect(unknown.body.error).toMatchObject({ line: 3 });
  });
});
