/** The Logs Insights part of the CloudWatch Logs operation table. */
import type { OperationTable } from '../../operation.js';
import type { LogsDeps } from '../deps.js';
import type { LogsOperations } from '../generated/types.js';
import {
  deleteQueryDefinition,
  describeQueryDefinitions,
  putQueryDefinition,
} from './definitions.js';
import { getLogGroupFields } from './group-fields.js';
import { getLogRecord } from './log-record.js';
import { describeQueries, getQueryResults, stopQuery } from './queries.js';
import { QueryRunner } from './runner.js';
import { startQuery } from './start-query.js';

type InsightsOperations = Pick<
  OperationTable<LogsOperations>,
  | 'StartQuery'
  | 'GetQueryResults'
  | 'StopQuery'
  | 'DescribeQueries'
  | 'GetLogRecord'
  | 'GetLogGroupFields'
  | 'PutQueryDefinition'
  | 'DescribeQueryDefinitions'
  | 'DeleteQueryDefinition'
>;

export function createInsightsOperations(deps: LogsDeps): InsightsOperations {
  const runner = new QueryRunner(deps);
  return {
    StartQuery: (input, ctx) => startQuery(deps, runner, input, ctx),
    GetQueryResults: (input, ctx) => getQueryResults(deps, runner, input, ctx),
    StopQuery: (input, ctx) => stopQuery(deps, runner, input, ctx),
    DescribeQueries: (input, ctx) => describeQueries(deps, runner, input, ctx),
    GetLogRecord: (input, ctx) => getLogRecord(deps, input, ctx),
    GetLogGroupFields: (input, ctx) => getLogGroupFields(deps, input, ctx),
    PutQueryDefinition: (input, ctx) => putQueryDefinition(deps, input, ctx),
    DescribeQueryDefinitions: (input, ctx) => describeQueryDefinitions(deps, input, ctx),
    DeleteQueryDefinition: (input, ctx) => deleteQueryDefinition(deps, input, ctx),
  };
}
