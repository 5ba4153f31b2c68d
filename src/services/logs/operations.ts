/** The CloudWatch Logs operation table (`Logs_20140328`). */
import type { OperationTable } from '../operation.js';
import type { LogsDeps } from './deps.js';
import { describeLogGroups } from './describe-groups.js';
import { filterLogEvents } from './filter-events.js';
import type { LogsOperations } from './generated/types.js';
import { getLogEvents } from './get-events.js';
import {
  createLogGroup,
  deleteLogGroup,
  deleteRetentionPolicy,
  putLogGroupDeletionProtection,
  putRetentionPolicy,
} from './groups.js';
import { putBatch } from './put-events.js';
import { RetentionSweeper } from './retention.js';
import { createLogStream, deleteLogStream, describeLogStreams } from './streams.js';
import {
  listTagsForResource,
  listTagsLogGroup,
  tagLogGroup,
  tagResource,
  untagLogGroup,
  untagResource,
} from './tags.js';
import { testMetricFilter } from './test-metric-filter.js';
import { createInsightsOperations } from './insights/operations.js';
import { createLiveTailOperations } from './live-tail/operations.js';
import { createMetricFilterOperations } from './metric-filters/operations.js';
import { scopeOf } from '../context.js';

export { createLogIngestion, type IngestOutcome, type LogIngestion } from './ingestion.js';

export function createLogsOperations(deps: LogsDeps): OperationTable<LogsOperations> {
  const sweeper = new RetentionSweeper(deps);
  return {
    CreateLogGroup: (input, ctx) => createLogGroup(deps, input, ctx),
    DeleteLogGroup: (input, ctx) => deleteLogGroup(deps, sweeper, input, ctx),
    DescribeLogGroups: (input, ctx) => describeLogGroups(deps, sweeper, input, ctx),
    PutRetentionPolicy: (input, ctx) => putRetentionPolicy(deps, input, ctx),
    DeleteRetentionPolicy: (input, ctx) => deleteRetentionPolicy(deps, input, ctx),
    PutLogGroupDeletionProtection: (input, ctx) => putLogGroupDeletionProtection(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
    TagLogGroup: (input, ctx) => tagLogGroup(deps, input, ctx),
    UntagLogGroup: (input, ctx) => untagLogGroup(deps, input, ctx),
    ListTagsLogGroup: (input, ctx) => listTagsLogGroup(deps, input, ctx),
    CreateLogStream: (input, ctx) => createLogStream(deps, input, ctx),
    DeleteLogStream: (input, ctx) => deleteLogStream(deps, input, ctx),
    DescribeLogStreams: (input, ctx) => describeLogStreams(deps, sweeper, input, ctx),
    PutLogEvents: async (input, ctx) => {
      const { accepted: _count, ...output } = await putBatch(
        deps,
        sweeper,
        scopeOf(ctx),
        input.logGroupName,
        input.logStreamName,
        input.logEvents,
      );
      return output;
    },
    GetLogEvents: (input, ctx) => getLogEvents(deps, sweeper, input, ctx),
    FilterLogEvents: (input, ctx) => filterLogEvents(deps, sweeper, input, ctx),
    TestMetricFilter: (input) => testMetricFilter(input),
    ...createLiveTailOperations(deps),
    ...createInsightsOperations(deps),
    ...createMetricFilterOperations(deps),
  };
}
