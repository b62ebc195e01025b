// vitest globalSetup: starts FerretDB (unless MONGODB_URI is set) and checks
// Redis once for the whole run, then hands their addresses to suites via
// `provide`/`inject` (see services.ts). Under CI=true a missing service fails
// the run here; elsewhere suites that need it skip.
import { Redis } from 'ioredis';
import { redact } from '../../engine/config';
import type { TestProject } from 'vitest/node';
import { findFerretDb, startFerretDb, type FerretDb } from './ferretdb';
import { underCi } from './services';

const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

async function redisAnswers(url: string): Promise<string | undefined> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket error (e.g. ECONNREFUSED) is the useful reason; connect() itself
  // only rejects with "Connection is closed".
  let socketError: string | undefined;
  redis.on('error', (err: Error) => {
    socketError = err.message;
  });
  try {
    await redis.connect();
    const reply = await redis.ping();
    return reply === 'PONG' ? undefined : `unexpected PING reply ${reply}`;
  } catch (err) {
    return socketError ?? (err instanceof Error ? err.message : String(err));
  } finally {
    redis.disconnect();
  }
}

function unavailable(message: string): undefined {
  if (underCi()) throw new Error(`${message} (required under CI=true)`);
  console.warn(`[test setup] ${message}; suites that need it are skipped`);
  return undefined;
}

async function mongodbUri(started: { server?: FerretDb }): Promise<string | undefined> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  const binary = await findFerretDb();
  if (!binary) {
    return unavailable('FerretDB not found on PATH or in $(go env GOPATH)/bin and MONGODB_URI is not set');
  }
  started.server = await startFerretDb(binary);
  return started.server.uri;
}

async function redisUrl(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? DEFAULT_REDIS;
  const failure = await redisAnswers(url);
  return failure === undefined ? url : unavailable(`Redis at ${redact(url)} does not answer PING: ${failure}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: { server?: FerretDb } = {};
  try {
    project.provide('mongodbUri', await mongodbUri(started));
    project.provide('redisUrl', await redisUrl());
  } catch (err) {
    await started.server?.stop();
    throw err;
  }
  return async () => {
    await started.server?.stop();
  };
}
