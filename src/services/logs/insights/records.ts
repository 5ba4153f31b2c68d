/**
 * Logs Insights as stored: one record per query (id: the query id) with its final rows once
 * it ends, and one per saved query definition (id: its id). A running query's progress
 * lives in memory (runner.ts); its record says Scheduled or Running until it ends.
 */
import type { ResultRow } from '../../../engine/logs-insights/index.js';
import type { QueryLanguage, QueryParameter, QueryStatus } from '../generated/types.js';

export const QUERIES = 'logs.queries';
export const QUERY_DEFINITIONS = 'logs.query-definitions';

export interface QueryCounts {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
  logGroupsScanned: number;
}

export interface QueryRecord {
  queryId: string;
  queryString: string;
  queryLanguage: QueryLanguage;
  logGroupNames: string[];
  /** As StartQuery was given them: epoch seconds. */
  startTime: number;
  endTime: number;
  limit?: number;
  /** Teiki clock, milliseconds. */
  createTime: number;
  status: QueryStatus;
  /** The caller's ARN. */
  userIdentity: string;
  /** Milliseconds from start to end, once ended. */
  durationMs?: number;
  statistics?: QueryCounts;
  /** The rows, once the query ended. */
  results?: ResultRow[];
}

export interface QueryDefinitionRecord {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  queryLanguage: QueryLanguage;
  logGroupNames?: string[];
  parameters?: QueryParameter[];
  lastModified: number;
}
