// Each definition version is compiled once and cached: after one request of each
// kind has warmed it (validators and route schemas compile on first use, to keep
// start-up short), requests compile nothing more — no ajv schema, no rule, no
// definition version, on any document route.
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, expect, it, vi } from 'vitest';
import { ruleBuildCount } from '../../engine/rules/compile-rule';
import { ticketDefinition } from '../documents/fixtures';
import { createDoc, describeApi, orderData } from '../documents/harness';

afterEach(() => {
  vi.restoreAllMocks();
});

describeApi('definition registry cache', (h) => {
  it('compiles no schema, rule or template on the request path after warm-up', async () => {
    const definitionBuildCount = (): number => h().app.engine.definitions.buildCount();
    const round = async (name: string): Promise<void> => {
      const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 2, price: 30000 }]));
      const url = `/api/documents/sales_order/${doc.id}`;
      expect((await h().clerk.req('PATCH', url, { version: 1, data: { remark: `round ${name}` } })).statusCode).toBe(
        200,
      );
      expect((await h().clerk.req('POST', `${url}/transitions/submit`, { version: 2 })).json().state).toBe(
        'pending_review',
      );
      expect((await h().clerk.req('GET', `/api/documents/sales_order?q=SO&sort=-total`)).statusCode).toBe(200);
      expect((await h().clerk.req('GET', `${url}/history`)).statusCode).toBe(200);
      expect((await h().clerk.req('GET', `${url}?asOf=1`)).statusCode).toBe(200);
      expect((await h().clerk.req('GET', `${url}/print/order`)).statusCode).toBe(200);
      await createDoc(h().clerk, 'customer', { code: `WC-${name}`, name: `warm ${name}` });
    };
    await round('warm-up');
    const ajvCompile = vi.spyOn(Ajv2020.prototype, 'compile');
    const rulesBefore = ruleBuildCount();
    const definitionsBefore = definitionBuildCount();

    for (let n = 0; n < 3; n++) await round(String(n));

    expect(ajvCompile).not.toHaveBeenCalled();
    expect(ruleBuildCount()).toBe(rulesBefore);
    expect(definitionBuildCount()).toBe(definitionsBefore);

    // The counters do see compiles: publishing builds the new version once.
    expect((await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition())).statusCode).toBe(201);
    expect(ajvCompile).toHaveBeenCalled();
    expect(definitionBuildCount()).toBe(definitionsBefore + 1);
    // Its first document may compile the version's validator; the second compiles nothing.
    await createDoc(h().clerk, 'ticket', { title: 'warm', region: 'north' });
    const afterFirstTicket = ajvCompile.mock.calls.length;
    await createDoc(h().clerk, 'ticket', { title: 'warm again', region: 'north' });
    expect(ajvCompile.mock.calls.length).toBe(afterFirstTicket);
  });
});
