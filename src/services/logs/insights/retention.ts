/**
 * How long queries are kept: AWS keeps a query's results for 7 days, and DescribeQueries
 * lists "queries that have been run recently". teiki forgets a query 7 days (teiki clock)
 * after it was created; the records go when a StartQuery or DescribeQueries meets them.
 */
import type { Scope } from '../../../store/types.js';
import type { LogsDeps } from '../deps.js';
import { QUERIES, type QueryRecord } from './records.js';

export const QUERY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function pruneQueries(deps: LogsDeps, scope: Scope): Promise<QueryRecord[]> {
  const queries = deps.store.collection<QueryRecord>(QUERIES);
  const cutoff = deps.clock.nowMs() - QUERY_RETENTION_MS;
  const kept: QueryRecord[] = [];
  for (const { id, value } of await queries.list(scope)) {
    if (value.createTime < cutoff) await queries.delete(scope, id);
    else kept.push(value);
  }
  return kept;
}
