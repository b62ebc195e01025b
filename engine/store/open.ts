import path from 'node:path';
import { redact, type Config } from '../config';
import { ConfigError } from '../errors';
import type { Store } from './types';

/** Picks the adapter from configuration: MONGODB_URI → mongodb, else embedded in DATA_DIR. */
export async function openStore(config: Config): Promise<Store> {
  if (config.mongodbUri) {
    const { openMongoStore } = await import('./mongodb/index');
    try {
      return await openMongoStore({ uri: config.mongodbUri });
    } catch (err) {
      throw new ConfigError('MONGODB_URI', `cannot reach ${redact(config.mongodbUri)}: ${(err as Error).message}`);
    }
  }
  const { openEmbeddedStore } = await import('./embedded/index');
  return openEmbeddedStore({ dataDir: path.resolve(config.dataDir) });
}
