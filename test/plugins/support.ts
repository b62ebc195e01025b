// Shared set-up for the plugin suites: a fresh engine per backend, clients by
// role, and plugin archives packed from folders (edited copies for upgrades).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as tar from 'tar';
import { createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const EYEWEAR = path.resolve(import.meta.dirname, '../../plugins/eyewear-retail');

export interface Client {
  token: string;
  user: { id: string; username: string; roles: string[] };
  req(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, token: string, user: Client['user']): Client {
  return {
    token,
    user,
    req: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(payload === undefined ? {} : { payload: Buffer.isBuffer(payload) ? payload : (payload as object) }),
      }),
  };
}

export async function adminClient(app: FastifyInstance): Promise<Client> {
  const token = await login(app, TEST_ADMIN.username, TEST_ADMIN.password);
  const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
  const user =
    res.statusCode === 200 ? res.json<Client['user']>() : { id: 'admin', username: 'admin', roles: ['admin'] };
  return client(app, token, user);
}

export async function userClient(
  app: FastifyInstance,
  admin: Client,
  username: string,
  roles: string[],
): Promise<Client> {
  const password = `Tq9-${username.length}-Wx7#Lm2026`;
  const user = await createUser(app, admin.token, { username, password, roles });
  return client(app, await login(app, username, password), user);
}

/** A .tar.gz of `dir`, optionally with manifest and definition edits, as bytes. */
export async function archiveOf(
  dir: string,
  edit?: (files: { manifest: Record<string, unknown>; dir: string }) => Promise<void>,
): Promise<Buffer> {
  const work = await mkdtemp(path.join(tmpdir(), 'jxc-plugin-src-'));
  try {
    const copy = path.join(work, 'src');
    await cp(dir, copy, { recursive: true });
    if (edit) {
      const manifest = JSON.parse(await readFile(path.join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      await edit({ manifest, dir: copy });
      await writeFile(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
    }
    // tar directly, not `pack`: pack refuses a bad manifest, and some tests send one on purpose.
    const file = path.join(work, 'plugin.tgz');
    await tar.c({ gzip: true, file, cwd: copy, portable: true }, ['.']);
    return await readFile(file);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function installArchive(admin: Client, archive: Buffer): Promise<LightMyRequestResponse> {
  return admin.req('POST', '/api/plugins', archive, { 'content-type': 'application/gzip' });
}

export async function mustInstall(t: TestApp, admin: Client, dir: string): Promise<void> {
  const res = await installArchive(admin, await archiveOf(dir));
  if (res.statusCode !== 201)
    throw new Error(`install of ${dir} failed on ${t.store.kind}: ${res.statusCode} ${res.body}`);
}

export interface DocView {
  id: string;
  number: string;
  state: string;
  version: number;
  definitionVersion: number;
  data: Record<string, unknown>;
}

export async function createDoc(c: Client, type: string, data: Record<string, unknown>): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/${type}`, { data });
  if (res.statusCode !== 201) throw new Error(`create ${type} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

export async function transition(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
  extra: Record<string, unknown> = {},
): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, {
    version: doc.version,
    ...extra,
  });
  if (res.statusCode !== 200) throw new Error(`${type} ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}
