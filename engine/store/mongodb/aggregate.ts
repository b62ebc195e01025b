// Aggregation on the MongoDB adapter. Real MongoDB runs the whole pipeline.
// FerretDB 1.24 (SQLite) does not: $group lacks $avg and compound `_id`s come
// back as `{}`, $project ignores field paths and expressions, and $elemMatch /
// $expr never match. So on FerretDB only the leading $match/$sort/$skip/$limit
// stages run on the server and the rest runs in-process with mingo, the same
// engine the embedded adapter uses.
import type { Collection as MongoCollection, Document } from 'mongodb';
import { aggregate as aggregateInMemory } from 'mingo';
import type { PipelineStage, StoredDoc } from '../types';
import { decode } from './codec';

const PUSHDOWN_STAGES = new Set(['$match', '$sort', '$skip', '$limit']);
const BROKEN_ON_FERRETDB = new Set(['$elemMatch', '$expr']);

function usesBrokenOperator(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesBrokenOperator);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => BROKEN_ON_FERRETDB.has(key) || usesBrokenOperator(inner));
}

function isPushdown(stage: PipelineStage): boolean {
  const keys = Object.keys(stage);
  return keys.length === 1 && PUSHDOWN_STAGES.has(keys[0]) && !usesBrokenOperator(stage);
}

/** Splits a pipeline into the prefix FerretDB runs correctly and the rest. */
export function splitPipeline(pipeline: readonly PipelineStage[]): { server: PipelineStage[]; local: PipelineStage[] } {
  let i = 0;
  while (i < pipeline.length && isPushdown(pipeline[i])) i += 1;
  return { server: pipeline.slice(0, i), local: pipeline.slice(i) };
}

export async function runAggregate<R>(
  collection: MongoCollection<StoredDoc>,
  pipeline: readonly PipelineStage[],
  target: { ferretdb: boolean },
): Promise<R[]> {
  if (!target.ferretdb) return (await collection.aggregate([...pipeline]).toArray()).map(decode) as R[];
  const { server, local } = splitPipeline(pipeline);
  const docs = (await collection.aggregate(server).toArray()).map(decode) as Document[];
  if (local.length === 0) return docs as R[];
  return aggregateInMemory(docs, local) as R[];
}
