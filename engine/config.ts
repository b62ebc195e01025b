// Configuration is read from the environment once, here, and validated; the rest
// of the code reads the typed Config and never touches process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { envSchema } from 'env-schema';
import { ConfigError } from './errors';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri?: string;
  redisUrl?: string;
  adminUsername: string;
  adminPassword?: string;
  jwtSecret?: string;
  /** TOTP_ENCRYPTION_KEY: the key TOTP secrets are sealed with at rest; generated and kept in the store when unset. */
  totpEncryptionKey?: string;
  /** RATE_LIMIT_PER_MINUTE (default 600) requests per user or address; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** LOGIN_RATE_LIMIT_PER_MINUTE (default 10) credential requests per address; 0 leaves them to the global limit. */
  loginRateLimitPerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Comma-separated origins; empty means CORS is off. */
  corsOrigins: string[];
  bodyLimit: number;
  /**
   * Which proxies may set X-Forwarded-For (Fastify `trustProxy`): false (off), a
   * hop count, or the proxies' addresses and CIDR ranges.
   */
  trustProxy: false | number | string[];
  /** Whether clients reach the engine over HTTPS (PUBLIC_TLS): only then are HSTS and upgrade-insecure-requests sent. */
  publicTls: boolean;
  /**
   * How long a claim on a stock operation or transfer holds before another
   * process may finish it (INVENTORY_LEASE_MS, default 30 s); also how often the
   * engine looks for operations a dead process left half-done.
   */
  inventoryLeaseMs: number;
  /** STORE_LEASE_MS (default 15 s): how long a dead engine's FerretDB store lease holds before another engine may start. */
  storeLeaseMs: number;
  /** Fault injection for crash tests; always off unless NODE_ENV=test (see testHooksFrom). */
  testHooks: TestHooks;
  /** SMTP_URL (e.g. smtp://user:pass@host:587): e-mail notifications are off when unset. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of notification e-mail (default `进销存 Flow <noreply@localhost>`). */
  mailFrom: string;
  /** REPORT_RETENTION_HOURS: how long report results and files are kept (default 168, a week). */
  reportRetentionHours: number;
  /** WEBHOOK_ATTEMPTS (default 8) tries per delivery, WEBHOOK_RETRY_BASE_MS (default 10 s) doubling between them. */
  webhookAttempts: number;
  webhookRetryBaseMs: number;
  /** BACKUP_DIR: where the embedded store's daily backups go (default DATA_DIR/backups). */
  backupDir: string;
  /** BACKUP_KEEP (default 7): how many backups are kept; older ones are removed after each new one. */
  backupKeep: number;
  /** BACKUP_CRON (default '40 2 * * *', 02:40 daily): when the embedded store's backup runs, a cron expression. */
  backupCron: string;
}

export interface TestHooks {
  /**
   * JXC_TEST_CRASH_AFTER_TRANSFER_LEG=1 with NODE_ENV=test: the engine process
   * SIGKILLs itself right after the first leg of a stock transfer, so a test can
   * prove the transfer completes exactly once after a restart.
   */
  crashAfterTransferLeg: boolean;
}

interface RawEnv {
  PORT: number;
  HOST: string;
  DATA_DIR: string;
  MONGODB_URI?: string;
  REDIS_URL?: string;
  ADMIN_USERNAME: string;
  ADMIN_PASSWORD?: string;
  JWT_SECRET?: string;
  TOTP_ENCRYPTION_KEY?: string;
  RATE_LIMIT_PER_MINUTE: number;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  LOG_LEVEL: Config['logLevel'];
  CORS_ORIGINS: string;
  BODY_LIMIT: number;
  TRUST_PROXY: string;
  PUBLIC_TLS: boolean;
  INVENTORY_LEASE_MS: number;
  STORE_LEASE_MS: number;
  NODE_ENV?: string;
  JXC_TEST_CRASH_AFTER_TRANSFER_LEG?: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  REPORT_RETENTION_HOURS: number;
  WEBHOOK_ATTEMPTS: number;
  WEBHOOK_RETRY_BASE_MS: number;
  BACKUP_DIR?: string;
  BACKUP_KEEP: number;
  BACKUP_CRON: string;
}

const schema = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    MONGODB_URI: { type: 'string', minLength: 1 },
    REDIS_URL: { type: 'string', minLength: 1 },
    ADMIN_USERNAME: { type: 'string', minLength: 1, default: 'admin' },
    ADMIN_PASSWORD: { type: 'string', minLength: 1 },
    JWT_SECRET: { type: 'string', minLength: 32 },
    TOTP_ENCRYPTION_KEY: { type: 'string', minLength: 32 },
    RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 0, maximum: 1000000, default: 600 },
    LOGIN_RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 0, maximum: 1000000, default: 10 },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    CORS_ORIGINS: { type: 'string', default: '' },
    BODY_LIMIT: { type: 'integer', minimum: 1024, maximum: 104857600, default: 1048576 },
    TRUST_PROXY: { type: 'string', default: '' },
    PUBLIC_TLS: { type: 'boolean', default: false },
    INVENTORY_LEASE_MS: { type: 'integer', minimum: 500, maximum: 3600000, default: 30000 },
    STORE_LEASE_MS: { type: 'integer', minimum: 1000, maximum: 600000, default: 15000 },
    NODE_ENV: { type: 'string' },
    JXC_TEST_CRASH_AFTER_TRANSFER_LEG: { type: 'string' },
    SMTP_URL: { type: 'string', minLength: 1 },
    MAIL_FROM: { type: 'string', minLength: 3, default: '进销存 Flow <noreply@localhost>' },
    REPORT_RETENTION_HOURS: { type: 'integer', minimum: 1, maximum: 87600, default: 168 },
    WEBHOOK_ATTEMPTS: { type: 'integer', minimum: 1, maximum: 20, default: 8 },
    WEBHOOK_RETRY_BASE_MS: { type: 'integer', minimum: 0, maximum: 3600000, default: 10000 },
    BACKUP_DIR: { type: 'string', minLength: 1 },
    BACKUP_KEEP: { type: 'integer', minimum: 1, maximum: 3650, default: 7 },
    BACKUP_CRON: { type: 'string', minLength: 1, default: '40 2 * * *' },
  },
} as const;

/** Turns ajv's first error into one line that names the variable. */
function configErrorFrom(err: unknown): ConfigError {
  const e = err as { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> };
  const first = e.errors?.[0];
  if (!first) return new ConfigError('environment', String((err as Error).message));
  const variable = first.instancePath.replace(/^\//, '') || String(first.params?.missingProperty ?? 'environment');
  const allowed = first.params?.allowedValues as unknown[] | undefined;
  return new ConfigError(variable, `${first.message ?? 'invalid value'}${allowed ? ` (${allowed.join(', ')})` : ''}`);
}

function checkMongoUri(uri: string | undefined): void {
  if (uri === undefined) return;
  if (!/^mongodb(\+srv)?:\/\/[^/?#]+/.test(uri)) {
    throw new ConfigError(
      'MONGODB_URI',
      `not a MongoDB connection string (expected mongodb://host:port/db): ${redact(uri)}`,
    );
  }
  try {
    new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:').replace(/@([^/]*),[^/]*/, '@$1'));
  } catch {
    throw new ConfigError('MONGODB_URI', `cannot be parsed: ${redact(uri)}`);
  }
}

function checkSmtpUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('SMTP_URL', `cannot be parsed (expected smtp://user:pass@host:587): ${redact(url)}`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps://: ${redact(url)}`);
  }
}

function checkRedisUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('REDIS_URL', `cannot be parsed (expected redis://host:port): ${redact(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `must start with redis:// or rediss://: ${redact(url)}`);
  }
}

/** Refused at start, not at 02:40 when the schedule is registered: the operator is watching now. */
function checkCron(variable: string, expression: string): string {
  const trimmed = expression.trim();
  try {
    CronExpressionParser.parse(trimmed);
  } catch (err) {
    throw new ConfigError(
      variable,
      `"${expression}" is not a cron expression (expected e.g. 40 2 * * * for 02:40 daily): ${(err as Error).message}`,
    );
  }
  return trimmed;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Off unless set: behind no proxy, trusting X-Forwarded-For would let any client
 * pick the address that per-IP lockout and rate limits count. `true` (trust every
 * hop) is refused for the same reason: name the proxies or count the hops.
 */
function parseTrustProxy(value: string): Config['trustProxy'] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY', `a hop count must be 1 to 10, got ${trimmed}`);
    return hops;
  }
  if (trimmed.toLowerCase() === 'true') {
    throw new ConfigError(
      'TRUST_PROXY',
      "trusting every proxy lets any client forge its address; give a hop count (e.g. 1) or the proxies' addresses/CIDRs",
    );
  }
  const entries = trimmed
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isAddressOrCidr(e));
  if (bad !== undefined)
    throw new ConfigError(
      'TRUST_PROXY',
      `"${bad}" is not an IP address or CIDR range (expected e.g. 10.0.0.0/8,127.0.0.1 or a hop count)`,
    );
  return entries;
}

/**
 * Test hooks kill the process on purpose, so one stray variable must never turn
 * them on in production: they need NODE_ENV=test as well, and are off otherwise.
 */
function testHooksFrom(raw: RawEnv): TestHooks {
  const testing = raw.NODE_ENV === 'test';
  return { crashAfterTransferLeg: testing && raw.JXC_TEST_CRASH_AFTER_TRANSFER_LEG === '1' };
}

/** Hides credentials before a URI is printed. */
export function redact(uri: string): string {
  return uri.replace(/\/\/([^@/]*)@/, '//***@');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let raw: RawEnv;
  try {
    raw = envSchema<RawEnv>({ schema, data: { ...env }, dotenv: false });
  } catch (err) {
    throw configErrorFrom(err);
  }
  checkMongoUri(raw.MONGODB_URI);
  checkRedisUrl(raw.REDIS_URL);
  checkSmtpUrl(raw.SMTP_URL);
  return {
    port: raw.PORT,
    host: raw.HOST,
    dataDir: raw.DATA_DIR,
    mongodbUri: raw.MONGODB_URI,
    redisUrl: raw.REDIS_URL,
    adminUsername: raw.ADMIN_USERNAME,
    adminPassword: raw.ADMIN_PASSWORD,
    jwtSecret: raw.JWT_SECRET,
    totpEncryptionKey: raw.TOTP_ENCRYPTION_KEY,
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: raw.LOG_LEVEL,
    corsOrigins: raw.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimit: raw.BODY_LIMIT,
    trustProxy: parseTrustProxy(raw.TRUST_PROXY),
    publicTls: raw.PUBLIC_TLS,
    inventoryLeaseMs: raw.INVENTORY_LEASE_MS,
    storeLeaseMs: raw.STORE_LEASE_MS,
    testHooks: testHooksFrom(raw),
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    reportRetentionHours: raw.REPORT_RETENTION_HOURS,
    webhookAttempts: raw.WEBHOOK_ATTEMPTS,
    webhookRetryBaseMs: raw.WEBHOOK_RETRY_BASE_MS,
    backupDir: raw.BACKUP_DIR ?? path.join(raw.DATA_DIR, 'backups'),
    backupKeep: raw.BACKUP_KEEP,
    backupCron: checkCron('BACKUP_CRON', raw.BACKUP_CRON),
  };
}
