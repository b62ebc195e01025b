import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config';
import { ConfigError } from '../../engine/errors';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded store in ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      adminUsername: 'admin',
      logLevel: 'info',
    });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads every variable of the design', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/jxc',
      MONGODB_URI: 'mongodb://db.local:27017/erp',
      REDIS_URL: 'redis://cache.local:6379',
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD: 'S3cret-enough-pass',
      JWT_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/jxc',
      mongodbUri: 'mongodb://db.local:27017/erp',
      redisUrl: 'redis://cache.local:6379',
      adminUsername: 'boss',
      logLevel: 'warn',
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ MONGODB_URI: 'mongodb://' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ BACKUP_CRON: '61 2 * * *' }, 'BACKUP_CRON'],
    [{ BACKUP_CRON: 'every night' }, 'BACKUP_CRON'],
    [{ BACKUP_CRON: '' }, 'BACKUP_CRON'],
  ])('refuses %j naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}:`)).toBe(true);
    expect(err.message).not.toContain('\n');
  });

  it('backs up at 02:40 daily unless BACKUP_CRON says otherwise', () => {
    expect(loadConfig({}).backupCron).toBe('40 2 * * *');
    expect(loadConfig({ BACKUP_CRON: ' 30 23 * * 1-5 ' }).backupCron).toBe('30 23 * * 1-5');
  });

  it('names BACKUP_CRON and the bad pattern when the backup time does not parse', () => {
    expect(configError({ BACKUP_CRON: '40 25 * * *' }).message).toMatch(
      /^BACKUP_CRON: "40 25 \* \* \*" is not a cron expression/,
    );
  });

  it('never prints credentials from a bad URI', () => {
    const err = configError({ MONGODB_URI: 'mongodb://user:hunter2@' });
    expect(err.message).not.toContain('hunter2');
  });
});
