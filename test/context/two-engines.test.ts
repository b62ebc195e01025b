// Two engines in one process, each with its own registrations: an effect
// registered on one is unknown to the other, and the same effect name can refuse
// on one engine and run after the commit on the other. Nothing is a process global.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../engine/errors';
import { ticketDefinition } from '../documents/fixtures';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  a = await buildTestApp();
  b = await buildTestApp();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function call(t: TestApp, token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

it('keeps each engine’s effects to itself', async () => {
  const refusedOnA: string[] = [];
  const ranOnB: string[] = [];
  a.app.engine.effects.register('test.check', async (ctx) => {
    refusedOnA.push(ctx.doc._id);
    throw new AppError('RULE_FAILED', 'engine A refuses this change');
  });
  a.app.engine.effects.register('test.only-a', async () => undefined, { phase: 'after-commit' });
  b.app.engine.effects.register(
    'test.check',
    async (ctx) => {
      ranOnB.push(ctx.doc._id);
    },
    { phase: 'after-commit' },
  );

  expect(a.app.engine.effects.runsBeforeCommit({ name: 'test.check' })).toBe(true);
  expect(b.app.engine.effects.runsBeforeCommit({ name: 'test.check' })).toBe(false);
  expect(a.app.engine.effects.isKnown('test.only-a')).toBe(true);
  expect(b.app.engine.effects.isKnown('test.only-a')).toBe(false);

  const tokenA = await login(a.app, TEST_ADMIN.username, TEST_ADMIN.password);
  const tokenB = await login(b.app, TEST_ADMIN.username, TEST_ADMIN.password);
  // Publishing checks the effect names against the engine's own registry.
  expect(
    (await call(b, tokenB, 'PUT', '/api/definitions/ticket', ticketDefinition({ effects: ['test.only-a'] })))
      .statusCode,
  ).toBe(422);
  for (const [t, token] of [
    [a, tokenA],
    [b, tokenB],
  ] as const) {
    expect(
      (await call(t, token, 'PUT', '/api/definitions/ticket', ticketDefinition({ effects: ['test.check'] })))
        .statusCode,
    ).toBe(201);
  }

  const onA = (await call(a, tokenA, 'POST', '/api/documents/ticket', { data: { title: 'A', region: 'north' } })).json<{
    id: string;
  }>();
  const onB = (await call(b, tokenB, 'POST', '/api/documents/ticket', { data: { title: 'B', region: 'north' } })).json<{
    id: string;
  }>();

  const refused = await call(a, tokenA, 'POST', `/api/documents/ticket/${onA.id}/transitions/close`, { version: 1 });
  expect(refused.statusCode).toBe(422);
  expect((await call(a, tokenA, 'GET', `/api/documents/ticket/${onA.id}`)).json()).toMatchObject({
    state: 'open',
    version: 1,
  });

  const closed = await call(b, tokenB, 'POST', `/api/documents/ticket/${onB.id}/transitions/close`, { version: 1 });
  expect(closed.statusCode).toBe(200);
  expect(closed.json()).toMatchObject({ state: 'closed', version: 2 });

  expect(refusedOnA).toEqual([onA.id]);
  expect(ranOnB).toEqual([onB.id]);
});
