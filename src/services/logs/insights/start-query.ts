/**
 * StartQuery: the query compiled (MalformedQueryException with `queryCompileError`), the
 * log groups (exactly one of logGroupName, logGroupNames, logGroupIdentifiers; at most 50;
 * each must exist), the time range, the concurrency quota (30 running queries per account
 * and region); then the query runs in the background and its id is answered at once.
 */
import { randomUUID } from 'node:crypto';
import {
  compileQuery,
  MalformedQueryError,
  type CompiledQuery,
} from '../../../engine/logs-insights/index.js';
import type { Scope } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { LogsDeps } from '../deps.js';
import {
  InvalidParameterException,
  LimitExceededException,
  MalformedQueryException,
  ResourceNotFoundException,
} from '../generated/errors.js';
import type { StartQueryRequest, StartQueryResponse } from '../generated/types.js';
import { parseLogGroupArn } from '../lookup.js';
import { GROUPS } from '../records.js';
import { pruneQueries } from './retention.js';
import { QUERIES, type QueryRecord } from './records.js';
import type { QueryRunner } from './runner.js';
import { scopeOf } from '../../context.js';

export const MAX_QUERY_GROUPS = 50;
/** "You can have up to 30 concurrent CloudWatch Logs insights queries." */
export const MAX_CONCURRENT_QUERIES = 30;

export async function startQuery(
  deps: LogsDeps,
  runner: QueryRunner,
  input: StartQueryRequest,
  ctx: RequestContext,
): Promise<StartQueryResponse> {
  const scope = scopeOf(ctx);
  if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI') {
    throw new InvalidParameterException(
      `teiki does not implement ${input.queryLanguage} queries yet; use the Logs Insights query language (CWLI).`,
    );
  }
  const query = compile(input.queryString);
  const groups = groupsOf(scope, input);
  if (input.endTime < input.startTime) {
    throw new InvalidParameterException('End time should not be before start time.');
  }
  for (const group of groups) {
    const found = await deps.store.collection(GROUPS).get(scope, group);
    if (!found) {
      throw new ResourceNotFoundException(
        `Log group '${group}' does not exist for account ID '${scope.accountId}'`,
      );
    }
  }
  if (runner.activeIn(scope) >= MAX_CONCURRENT_QUERIES) {
    throw new LimitExceededException(
      `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached.`,
    );
  }
  await pruneQueries(deps, scope);
  const record: QueryRecord = {
    queryId: randomUUID(),
    queryString: input.queryString,
    queryLanguage: 'CWLI',
    logGroupNames: groups,
    startTime: input.startTime,
    endTime: input.endTime,
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    createTime: deps.clock.nowMs(),
    status: 'Scheduled',
    userIdentity: ctx.caller.arn,
  };
  await deps.store.collection<QueryRecord>(QUERIES).put(scope, record.queryId, record);
  runner.start(scope, record, query);
  return { queryId: record.queryId };
}

/** The query, or AWS's MalformedQueryException pointing at what is wrong. */
export function compile(queryString: string): CompiledQuery {
  try {
    return compileQuery(queryString);
  } catch (error) {
    if (error instanceof MalformedQueryError) {
      throw new MalformedQueryException(error.message, {
        queryCompileError: {
          location: {
            startCharOffset: error.startCharOffset,
            endCharOffset: error.endCharOffset,
          },
          message: error.message,
        },
      });
    }
    throw error;
  }
}

/**
 * The group names a StartQuery names, in its order, without repeats (also what it needs
 * permission on).
 */
export function groupsOf(scope: Scope, input: StartQueryRequest): string[] {
  const given = [
    input.logGroupName !== undefined,
    input.logGroupNames !== undefined,
    input.logGroupIdentifiers !== undefined,
  ].filter(Boolean).length;
  if (given === 0) {
    throw new InvalidParameterException(
      'Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.',
    );
  }
  if (given > 1) {
    throw new InvalidParameterException(
      'Only one of logGroupName, logGroupNames or logGroupIdentifiers can be specified.',
    );
  }
  const names =
    input.logGroupName !== undefined
      ? [input.logGroupName]
      : (input.logGroupNames ??
        (input.logGroupIdentifiers ?? []).map((identifier) => groupName(scope, identifier)));
  if (names.length === 0) {
    throw new InvalidParameterException('At least one log group must be specified.');
  }
  if (names.length > MAX_QUERY_GROUPS) {
    throw new InvalidParameterException(
      `A query can include up to ${MAX_QUERY_GROUPS} log groups; ${names.length} were given.`,
    );
  }
  return [...new Set(names)];
}

/** A name, or an ARN of this account and region (teiki has no cross-account observability). */
function groupName(scope: Scope, identifier: string): string {
  if (!identifier.startsWith('arn:')) return identifier;
  const arn = parseLogGroupArn(identifier);
  if (!arn) throw new InvalidParameterException(`Invalid log group identifier: ${identifier}`);
  if (arn.accountId !== scope.accountId || arn.region !== scope.region) {
    throw new ResourceNotFoundException(
      `Log group '${arn.logGroupName}' does not exist for account ID '${arn.accountId}'`,
    );
  }
  return arn.logGroupName;
}
