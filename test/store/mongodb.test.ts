// The store contract on the MongoDB adapter, against FerretDB started by the test
// set-up (or MONGODB_URI), plus what only this adapter does.
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { newId } from '../../engine/store/ids';
import { dbNameFromUri, openMongoStore } from '../../engine/store/mongodb/index';
import { freePort } from '../support/ferretdb';
import { mongoUri, requireService } from '../support/services';
import { storeContract } from './contract';

const uri = mongoUri();

async function dropDatabase(dbName: string): Promise<void> {
  const client = new MongoClient(uri as string, { serverSelectionTimeoutMS: 3000 });
  try {
    await client.connect();
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))('mongodb store', () => {
  const dbName = `contract_${newId()}`;
  storeContract(
    'mongodb',
    () => openMongoStore({ uri: uri as string, dbName }),
    () => dropDatabase(dbName),
  );
});

describe('openMongoStore', () => {
  it('rejects with a clear error when no server answers', async () => {
    const port = await freePort();
    await expect(openMongoStore({ uri: `mongodb://127.0.0.1:${port}/x` })).rejects.toThrow(
      /no MongoDB server answered within 3 s \(.*ECONNREFUSED/,
    );
  });
});

describe('dbNameFromUri', () => {
  it('reads the database from the URI path', () => {
    expect(dbNameFromUri('mongodb://u:p@h1:27017,h2:27018/shop?replicaSet=rs0')).toBe('shop');
    expect(dbNameFromUri('mongodb+srv://cluster.example.net/my%2Ddb')).toBe('my-db');
  });

  it('gives nothing when the URI names no database', () => {
    expect(dbNameFromUri('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(dbNameFromUri('mongodb://127.0.0.1:27017/?directConnection=true')).toBeUndefined();
  });
});
