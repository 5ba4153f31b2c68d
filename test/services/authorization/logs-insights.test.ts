/**
 * Logs Insights, Live Tail and metric filters under `--auth enforce`: each needs its action
 * on every log group it reads (`…:log-group:NAME:log-stream:`, as the other group actions),
 * GetQueryResults and GetLogRecord on the groups their query or pointer names, and the
 * operations the reference gives no resource type (StopQuery, DescribeQueries, query
 * definitions, DescribeMetricFilters across groups) on `*`.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteMetricFilterCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  GetLogGroupFieldsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutQueryDefinitionCommand,
  StartLiveTailCommand,
  StartQueryCommand,
  StopQueryCommand,
  type GetQueryResultsCommandOutput,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  expectDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
  type MadeUser,
} from './helpers.js';

let teiki: TestTeiki;
let user: MadeUser;
const logs = (keys: Keys) =>
  new CloudWatchLogsClient({ ...teiki.clientConfig(keys), disableHostPrefix: true });
const groupArn = (group: string) =>
  `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}:log-stream:`;
const window = () => {
  const now = Math.floor(teiki.clock.nowMs() / 1000);
  return { startTime: now - 3600, endTime: now + 60 };
};

beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  const root = logs(ROOT);
  for (const group of ['/team/a', '/other']) {
    await root.send(new CreateLogGroupCommand({ logGroupName: group }));
    await root.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
    await root.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 's',
        logEvents: [{ timestamp: teiki.clock.nowMs(), message: '{"level":"ERROR","n":1}' }],
      }),
    );
  }
  user = await makeUser(teiki, {
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'logs:StartQuery',
          'logs:GetQueryResults',
          'logs:GetLogRecord',
          'logs:GetLogGroupFields',
          'logs:StartLiveTail',
          'logs:PutMetricFilter',
          'logs:DescribeMetricFilters',
          'logs:DeleteMetricFilter',
        ],
        Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/team/*`,
      },
      {
        Effect: 'Allow',
        Action: ['logs:StopQuery', 'logs:DescribeQueries', 'logs:PutQueryDefinition'],
        Resource: '*',
      },
    ],
  });
});
afterAll(() => teiki.close());

/** The call is refused: the user's policies do not allow `action` on `resource`. */
const deniedTo = (call: Promise<unknown>, action: string, resource: string) =>
  expectDenied(call, 'AccessDeniedException', 400, notAllowed(user.arn, action, resource));

/** GetQueryResults until the query has ended. */
async function finished(keys: Keys, queryId: string): Promise<GetQueryResultsCommandOutput> {
  for (;;) {
    const out = await logs(keys).send(new GetQueryResultsCommand({ queryId }));
    if (out.status !== 'Running' && out.status !== 'Scheduled') return out;
  }
}

describe('Logs Insights', () => {
  it('runs a query and reads its rows and records on the groups the user may read', async () => {
    const { queryId } = await logs(user).send(
      new StartQueryCommand({
        logGroupName: '/team/a',
        queryString: 'fields @message, @ptr',
        ...window(),
      }),
    );
    const out = await finished(user, queryId!);
    expect(out.status).toBe('Complete');
    const ptr = out.results![0]!.find((f) => f.field === '@ptr')!.value!;
    const record = await logs(user).send(new GetLogRecordCommand({ logRecordPointer: ptr }));
    expect(record.logRecord?.['@log']).toBe(`${ACCOUNT}:/team/a`);
    const fields = await logs(user).send(new GetLogGroupFieldsCommand({ logGroupName: '/team/a' }));
    expect(fields.logGroupFields?.map((f) => f.name)).toContain('level');
    expect((await logs(user).send(new DescribeQueriesCommand({}))).queries).toHaveLength(1);
    await logs(user).send(
      new PutQueryDefinitionCommand({ name: 'errors', queryString: 'fields @message' }),
    );
  });

  it('refuses a query that names a group the user may not read, naming that group', async () => {
    await deniedTo(
      logs(user).send(
        new StartQueryCommand({
          logGroupNames: ['/team/a', '/other'],
          queryString: 'fields @message',
          ...window(),
        }),
      ),
      'logs:StartQuery',
      groupArn('/other'),
    );
    await deniedTo(
      logs(user).send(new GetLogGroupFieldsCommand({ logGroupName: '/other' })),
      'logs:GetLogGroupFields',
      groupArn('/other'),
    );
  });

  it("reads another principal's query and records only on the groups they name", async () => {
    const { queryId } = await logs(ROOT).send(
      new StartQueryCommand({
        logGroupName: '/other',
        queryString: 'fields @message, @ptr',
        ...window(),
      }),
    );
    const out = await finished(ROOT, queryId!);
    const ptr = out.results![0]!.find((f) => f.field === '@ptr')!.value!;
    await deniedTo(
      logs(user).send(new GetQueryResultsCommand({ queryId })),
      'logs:GetQueryResults',
      groupArn('/other'),
    );
    await deniedTo(
      logs(user).send(new GetLogRecordCommand({ logRecordPointer: ptr })),
      'logs:GetLogRecord',
      groupArn('/other'),
    );
    // Names no group: the action on `*` decides, before the caller learns it is unknown.
    await deniedTo(
      logs(user).send(
        new GetQueryResultsCommand({ queryId: '00000000-0000-0000-0000-000000000000' }),
      ),
      'logs:GetQueryResults',
      '*',
    );
    // StopQuery has no resource type: `*` lets the user stop it (it has ended already).
    await expect(logs(user).send(new StopQueryCommand({ queryId }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `Query ${queryId} is not running: its status is Complete.`,
    });
  });
});

describe('Live Tail', () => {
  it('tails a group the user may read and refuses one it may not', async () => {
    const controller = new AbortController();
    const response = await logs(user).send(
      new StartLiveTailCommand({ logGroupIdentifiers: ['/team/a'] }),
      { abortSignal: controller.signal },
    );
    const stream = response.responseStream as AsyncIterable<StartLiveTailResponseStream>;
    const first = await stream[Symbol.asyncIterator]().next();
    expect((first.value as StartLiveTailResponseStream).sessionStart?.logGroupIdentifiers).toEqual([
      '/team/a',
    ]);
    controller.abort();
    await deniedTo(
      logs(user).send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/other`],
        }),
      ),
      'logs:StartLiveTail',
      groupArn('/other'),
    );
  });
});

describe('metric filters', () => {
  const filter = (logGroupName: string) =>
    new PutMetricFilterCommand({
      logGroupName,
      filterName: 'errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
    });

  it('are actions on their group, and listing every group needs `*`', async () => {
    await logs(user).send(filter('/team/a'));
    const listed = await logs(user).send(
      new DescribeMetricFiltersCommand({ logGroupName: '/team/a' }),
    );
    expect(listed.metricFilters?.map((f) => f.filterName)).toEqual(['errors']);
    await deniedTo(logs(user).send(filter('/other')), 'logs:PutMetricFilter', groupArn('/other'));
    await deniedTo(
      logs(user).send(new DescribeMetricFiltersCommand({})),
      'logs:DescribeMetricFilters',
      '*',
    );
    await logs(user).send(
      new DeleteMetricFilterCommand({ logGroupName: '/team/a', filterName: 'errors' }),
    );
  });
});
