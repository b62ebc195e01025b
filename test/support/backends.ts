// The stores an API suite runs on: the embedded store always, and the mongodb
// adapter on the FerretDB (or MONGODB_URI) of the global set-up; under CI=true a
// missing server fails instead of skipping.
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
