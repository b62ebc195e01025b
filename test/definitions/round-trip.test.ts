// What GET /api/definitions/:key returns can be sent back as it is: PUT publishes
// it as the next version and lint finds no error, the envelope fields (source,
// publishedAt, publishedBy) accepted and ignored the same way in both places.
import { expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { describeApi } from '../documents/harness';

describeApi('definitions round trip', (h) => {
  it('accepts the fetched definition back on PUT and lint, envelope and all', async () => {
    expect((await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition())).statusCode).toBe(201);
    const fetched = (await h().admin.req('GET', '/api/definitions/ticket')).json<Record<string, unknown>>();
    expect(fetched).toMatchObject({
      source: 'api',
      publishedAt: expect.any(String),
      publishedBy: expect.objectContaining({ username: 'admin' }),
    });

    const lint = await h().admin.req('POST', '/api/definitions/lint', fetched);
    expect(lint.statusCode).toBe(200);
    expect(
      lint.json<{ findings: Array<{ severity: string }> }>().findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);

    const edited = { ...fetched, title: { 'zh-CN': '服务工单', en: 'Service ticket' } };
    const published = await h().admin.req('PUT', '/api/definitions/ticket', edited);
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({
      version: (fetched.version as number) + 1,
      source: 'api',
      title: { en: 'Service ticket' },
    });
    // The envelope is the server's: what was sent back is not stored as part of the definition.
    const again = (await h().admin.req('GET', '/api/definitions/ticket')).json<Record<string, unknown>>();
    expect(again.publishedAt).not.toBe(fetched.publishedAt);
  });

  it('still refuses a field that is neither the definition nor its envelope', async () => {
    const fetched = (await h().admin.req('GET', '/api/definitions/ticket')).json<Record<string, unknown>>();
    const lint = await h().admin.req('POST', '/api/definitions/lint', { ...fetched, publishedOn: 'yesterday' });
    expect(lint.json<{ findings: Array<{ severity: string; path: string }> }>().findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'error' })]),
    );
    expect(
      (await h().admin.req('PUT', '/api/definitions/ticket', { ...fetched, publishedOn: 'yesterday' })).statusCode,
    ).toBe(422);
  });
});
