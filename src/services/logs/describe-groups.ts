/** DescribeLogGroups: AWS's filters, page size and output fields. */
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import { InvalidParameterException } from './generated/errors.js';
import type {
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  LogGroup,
} from './generated/types.js';
import { parseLogGroupArn } from './lookup.js';
import { filteredPage, pagePosition } from './pages.js';
import {
  GROUPS,
  logGroupArn,
  STREAMS,
  streamPrefix,
  type LogGroupRecord,
  type LogStreamRecord,
} from './records.js';
import type { RetentionSweeper } from './retention.js';
import { scopeOf } from '../context.js';

const DEFAULT_LIMIT = 50;

export async function describeLogGroups(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  input: DescribeLogGroupsRequest,
  ctx: RequestContext,
): Promise<DescribeLogGroupsResponse> {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw new InvalidParameterException(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const scope = scopeOf(ctx);
  // A token DescribeLogGroups did not issue is an empty last page, not an error, unlike
  // DescribeLogStreams (moto follows AWS here on purpose: docs/decisions.md).
  const afterId = pagePosition(input.nextToken);
  if (afterId === null) return { logGroups: [] };
  // AWS documents the pattern as a substring match; in practice it ignores case.
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const named = identifiedNames(scope, input.logGroupIdentifiers);
  const { items, nextToken } = await filteredPage(
    deps.store.collection<LogGroupRecord>(GROUPS),
    scope,
    {
      ...(input.logGroupNamePrefix !== undefined ? { prefix: input.logGroupNamePrefix } : {}),
      afterId,
      pageSize: input.limit ?? DEFAULT_LIMIT,
      keep: (group) =>
        (pattern === undefined || group.logGroupName.toLowerCase().includes(pattern)) &&
        (input.logGroupClass === undefined || group.logGroupClass === input.logGroupClass) &&
        (named === undefined || named.has(group.logGroupName)),
    },
  );
  const logGroups: LogGroup[] = [];
  for (const { value: group } of items) {
    if (pattern !== undefined) {
      // With a pattern AWS answers only these three fields.
      logGroups.push({
        logGroupName: group.logGroupName,
        creationTime: group.creationTime,
        arn: `${logGroupArn(scope, group.logGroupName)}:*`,
      });
      continue;
    }
    await sweeper.sweep(scope, group);
    logGroups.push(await describeGroup(deps, scope, group));
  }
  return { logGroups, ...(nextToken !== undefined ? { nextToken } : {}) };
}

/** The names `logGroupIdentifiers` selects (names or ARNs of this account and region). */
function identifiedNames(scope: Scope, identifiers: string[] | undefined): Set<string> | undefined {
  if (identifiers === undefined) return undefined;
  const names = new Set<string>();
  for (const identifier of identifiers) {
    if (!identifier.startsWith('arn:')) {
      names.add(identifier);
      continue;
    }
    const arn = parseLogGroupArn(identifier);
    if (arn && arn.accountId === scope.accountId && arn.region === scope.region) {
      names.add(arn.logGroupName);
    }
  }
  return names;
}

async function describeGroup(
  deps: LogsDeps,
  scope: Scope,
  group: LogGroupRecord,
): Promise<LogGroup> {
  const streams = await deps.store
    .collection<LogStreamRecord>(STREAMS)
    .list(scope, { prefix: streamPrefix(group.logGroupName) });
  const storedBytes = streams.reduce((sum, entry) => sum + entry.value.storedBytes, 0);
  const arn = logGroupArn(scope, group.logGroupName);
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: arn,
    ...(group.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
  };
}
