/**
 * GetQueryResults, StopQuery and DescribeQueries: a query's rows and statistics (partial
 * while it runs), stopping it, and the account's recent queries.
 */
import type { ResultRow } from '../../../engine/logs-insights/index.js';
import type { Scope } from '../../../store/types.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import type { RequestContext } from '../../context.js';
import type { LogsDeps } from '../deps.js';
import { InvalidParameterException, ResourceNotFoundException } from '../generated/errors.js';
import type {
  DescribeQueriesRequest,
  DescribeQueriesResponse,
  GetQueryResultsRequest,
  GetQueryResultsResponse,
  QueryInfo,
  QueryStatistics,
  StopQueryRequest,
  StopQueryResponse,
} from '../generated/types.js';
import { INVALID_NEXT_TOKEN } from '../lookup.js';
import { QUERIES, type QueryCounts, type QueryRecord } from './records.js';
import { pruneQueries } from './retention.js';
import type { QueryRunner } from './runner.js';
import { scopeOf } from '../../context.js';

const QUERY_NOT_FOUND = 'The specified query does not exist.';
const DESCRIBE_DEFAULT = 1000;

export async function getQueryResults(
  deps: LogsDeps,
  runner: QueryRunner,
  input: GetQueryResultsRequest,
  ctx: RequestContext,
): Promise<GetQueryResultsResponse> {
  const record = await requireQuery(deps, scopeOf(ctx), input.queryId);
  const live = runner.progress(record.queryId);
  const status = live?.status ?? statusOf(record, runner);
  const rows = live?.results ?? record.results ?? [];
  const counts = live?.statistics ?? record.statistics;
  const page = pageOf(rows, input.maxItems, input.nextToken);
  return {
    queryLanguage: record.queryLanguage,
    results: page.rows,
    statistics: statisticsOf(counts),
    status,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export async function stopQuery(
  deps: LogsDeps,
  runner: QueryRunner,
  input: StopQueryRequest,
  ctx: RequestContext,
): Promise<StopQueryResponse> {
  const record = await requireQuery(deps, scopeOf(ctx), input.queryId);
  if (!runner.stop(record.queryId)) {
    throw new InvalidParameterException(
      `Query ${record.queryId} is not running: its status is ${statusOf(record, runner)}.`,
    );
  }
  return { success: true };
}

export async function describeQueries(
  deps: LogsDeps,
  runner: QueryRunner,
  input: DescribeQueriesRequest,
  ctx: RequestContext,
): Promise<DescribeQueriesResponse> {
  const scope = scopeOf(ctx);
  const after = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
  if (input.nextToken !== undefined && after === undefined) {
    throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  }
  const kept = (await pruneQueries(deps, scope))
    .map((record) => ({ record, status: statusOf(record, runner) }))
    .filter(
      ({ record, status }) =>
        (input.logGroupName === undefined || record.logGroupNames.includes(input.logGroupName)) &&
        (input.status === undefined || status === input.status) &&
        (input.queryLanguage === undefined || record.queryLanguage === input.queryLanguage),
    )
    // Newest first; the id breaks ties so a page token names one place.
    .sort(
      (a, b) =>
        b.record.createTime - a.record.createTime ||
        a.record.queryId.localeCompare(b.record.queryId),
    );
  const start = after === undefined ? 0 : kept.findIndex((q) => positionOf(q.record) === after) + 1;
  if (after !== undefined && start === 0) throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  const size = input.maxResults ?? DESCRIBE_DEFAULT;
  const page = kept.slice(start, start + size);
  const last = page[page.length - 1];
  return {
    queries: page.map(({ record, status }) => queryInfo(record, status)),
    ...(last && start + size < kept.length
      ? { nextToken: encodePageToken(positionOf(last.record)) }
      : {}),
  };
}

/**
 * A query as DescribeQueries shows it. AWS shows the query string with the log groups and
 * time range it ran over in front (`SOURCE "group" START=… END=… | …`), as a query with a
 * SOURCE command would say them (the exact spacing is not confirmed).
 */
function queryInfo(record: QueryRecord, status: QueryInfo['status']): QueryInfo {
  const source = record.logGroupNames.map((g) => JSON.stringify(g)).join(', ');
  return {
    queryId: record.queryId,
    queryString: `SOURCE ${source} START=${record.startTime} END=${record.endTime} | ${record.queryString}`,
    status,
    createTime: record.createTime,
    logGroupName: record.logGroupNames[0],
    queryLanguage: record.queryLanguage,
    userIdentity: record.userIdentity,
    ...(record.durationMs !== undefined ? { queryDuration: record.durationMs } : {}),
    ...(record.statistics ? { bytesScanned: record.statistics.bytesScanned } : {}),
  };
}

/** A record left Scheduled or Running by an earlier process is a query nobody runs. */
function statusOf(record: QueryRecord, runner: QueryRunner): QueryInfo['status'] & string {
  if (
    (record.status === 'Running' || record.status === 'Scheduled') &&
    !runner.isRunning(record.queryId)
  ) {
    return 'Unknown';
  }
  return record.status;
}

function positionOf(record: QueryRecord): string {
  return `${record.createTime}:${record.queryId}`;
}

async function requireQuery(deps: LogsDeps, scope: Scope, queryId: string): Promise<QueryRecord> {
  const record = await deps.store.collection<QueryRecord>(QUERIES).get(scope, queryId);
  if (!record) throw new ResourceNotFoundException(QUERY_NOT_FOUND);
  return record;
}

function statisticsOf(counts: QueryCounts | undefined): QueryStatistics {
  return {
    recordsMatched: counts?.recordsMatched ?? 0,
    recordsScanned: counts?.recordsScanned ?? 0,
    bytesScanned: counts?.bytesScanned ?? 0,
    logGroupsScanned: counts?.logGroupsScanned ?? 0,
  };
}

/** GetQueryResults pages only when asked to (`maxItems`); the token is the next row's index. */
function pageOf(
  rows: ResultRow[],
  maxItems: number | undefined,
  nextToken: string | undefined,
): { rows: ResultRow[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const at = decodePageToken(nextToken);
    if (at === undefined || !/^\d+$/.test(at))
      throw new InvalidParameterException(INVALID_NEXT_TOKEN);
    start = Number(at);
  }
  if (maxItems === undefined) return { rows: rows.slice(start) };
  const end = start + maxItems;
  return {
    rows: rows.slice(start, end),
    ...(end < rows.length ? { nextToken: encodePageToken(String(end)) } : {}),
  };
}
