import { expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { createDoc, describeApi } from '../documents/harness';

function withPriority() {
  const def = ticketDefinition();
  const schema = def.schema as { properties: Record<string, unknown>; required: string[] };
  schema.properties.priority = {
    type: 'integer',
    title: '优先级',
    'x-title': { 'zh-CN': '优先级', en: 'Priority' },
    minimum: 1,
    maximum: 3,
  };
  schema.required = [...schema.required, 'priority'];
  return def;
}

describeApi('definitions API', (h) => {
  it('lists the latest version of every built-in definition', async () => {
    const res = await h().clerk.req('GET', '/api/definitions');
    expect(res.statusCode).toBe(200);
    const keys = res.json().items.map((d: { key: string }) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['customer', 'supplier', 'product', 'warehouse', 'sales_order']));
    const so = (await h().clerk.req('GET', '/api/definitions/sales_order')).json();
    expect(so).toMatchObject({ key: 'sales_order', version: 5, source: 'builtin' });
    expect((await h().clerk.req('GET', '/api/definitions/nothing_here')).statusCode).toBe(404);
  });

  it('publishes version n+1, keeps the old one readable, and audits it', async () => {
    const v1 = await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition());
    expect(v1.statusCode).toBe(201);
    expect(v1.json().version).toBe(1);
    const v2 = await h().admin.req('PUT', '/api/definitions/ticket', withPriority());
    expect(v2.json().version).toBe(2);
    expect((await h().clerk.req('GET', '/api/definitions/ticket')).json().version).toBe(2);
    const old = (await h().clerk.req('GET', '/api/definitions/ticket?version=1')).json();
    expect(old.version).toBe(1);
    expect(old.schema.properties.priority).toBeUndefined();
    expect((await h().clerk.req('GET', '/api/definitions/ticket?version=9')).statusCode).toBe(404);
    const audit = await h()
      .t.store.collection('audit')
      .find({ action: 'definition.published', subject: 'definition:ticket@2' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { username: 'admin' },
      details: { key: 'ticket', version: 2, previousVersion: 1 },
    });
  });

  it('keeps documents on the version they were created under', async () => {
    await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition());
    const old = await createDoc(h().clerk, 'ticket', { title: 'made under v-old', region: 'north', hours: 2 });
    const published = await h().admin.req('PUT', '/api/definitions/ticket', withPriority());
    const newVersion = published.json().version;
    expect(newVersion).toBe(old.definitionVersion + 1);
    // The old document validates against its own version: no priority needed.
    const patched = await h().clerk.req('PATCH', `/api/documents/ticket/${old.id}`, { version: 1, data: { hours: 3 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ definitionVersion: old.definitionVersion, data: { cost: 150 } });
    expect(
      (await h().clerk.req('POST', `/api/documents/ticket/${old.id}/transitions/close`, { version: 2 })).json().state,
    ).toBe('closed');
    // New documents use the new version.
    const missing = await h().clerk.req('POST', '/api/documents/ticket', { data: { title: 'new', region: 'north' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: '/priority' })]);
    const fresh = await createDoc(h().clerk, 'ticket', { title: 'new', region: 'north', priority: 2 });
    expect(fresh.definitionVersion).toBe(newVersion);
  });

  it('refuses a definition with meta-schema errors, listing each with its path', async () => {
    const broken = {
      ...ticketDefinition(),
      category: 'toy',
      states: [{ key: 'Open!', label: { 'zh-CN': '开' }, color: 'blue', editable: true, terminal: false }],
    } as Record<string, unknown>;
    delete broken.title;
    const res = await h().admin.req('PUT', '/api/definitions/ticket', broken);
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/title', '/category', '/states/0/key', '/states/0/label/en']));
    expect(res.json().errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect(res.json().findings.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a definition the linter finds errors in, with all findings', async () => {
    const def = ticketDefinition();
    def.states.push({
      key: 'limbo',
      label: { 'zh-CN': '悬空', en: 'Limbo' },
      color: 'red',
      editable: false,
      terminal: false,
    });
    const res = await h().admin.req('PUT', '/api/definitions/ticket', def);
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .findings.filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { path: string }) => f.path),
    ).toContain('/states/2');
  });

  it('refuses a template that does not compile, naming it', async () => {
    const def = ticketDefinition();
    def.templates = [
      { key: 'slip', label: { 'zh-CN': '单', en: 'Slip' }, kind: 'print', body: '{{#each data.lines}}unclosed' },
    ];
    const res = await h().admin.req('PUT', '/api/definitions/ticket', def);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/templates/0/body');
  });

  it('lets only admins publish, and the URL key must match the body', async () => {
    expect((await h().manager.req('PUT', '/api/definitions/ticket', ticketDefinition())).statusCode).toBe(403);
    const res = await h().admin.req('PUT', '/api/definitions/other_key', ticketDefinition());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('/key');
  });

  it('lints without publishing', async () => {
    const def = ticketDefinition();
    def.transitions[0].to = 'nowhere';
    const res = await h().admin.req('POST', '/api/definitions/lint', def);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .findings.some(
          (f: { severity: string; path: string }) => f.severity === 'error' && f.path.startsWith('/transitions/0'),
        ),
    ).toBe(true);
  });
});
