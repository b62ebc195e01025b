// The stores an API suite runs on: the embedded store always, and the mongodb
// adapter on the FerretDB (or MONGODB_URI) of the global set-up; under CI=true a
// missing server fails instead of skipping.
import { MongoClient } from 'mongodb';
import { mongoUri, requireService } from './services';

export interface Backend {
  name: 'embedded' | 'mongodb';
  mongoUri?: string;
}

export function backends(): Backend[] {
  const uri = mongoUri();
  const list: Backend[] = [{ name: 'embedded' }];
  if (requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))
    list.push({ name: 'mongodb', mongoUri: uri });
  return list;
}

/** Drops a test's own database on the MongoDB-compatible server at `uri`. */
export async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    await client.connect();
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
