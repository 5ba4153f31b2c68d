/**
 * Metric filters through SDK v3: put, describe (filters, paging), delete, AWS's limits and
 * errors, and what they emit on ingestion, read back from /_teiki/metrics.
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteMetricFilterCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
  type CloudWatchLogsClient,
  type PutMetricFilterCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, type TestTeiki } from '../../helpers/teiki.js';
import { awslogs, startTaskFixture } from '../ecs/tasks-fixtures.js';
import {
  createGroupWithStream,
  expectLogsError,
  logsClient,
  put,
  START_MS,
  startLogsTeiki,
  uniqueName,
} from './helpers.js';

async function metricLines(teiki: TestTeiki, match: string): Promise<string[]> {
  const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/metrics' });
  expect(res.status).toBe(200);
  return res.text
    .split('\n')
    .filter((line) => line.startsWith('teiki_log_metric') && line.includes(match));
}

describe('metric filters', () => {
  let teiki: TestTeiki;
  let client: CloudWatchLogsClient;
  beforeAll(async () => {
    teiki = await startLogsTeiki(['--in-memory']);
    client = logsClient(teiki);
  });
  afterAll(() => teiki.close());

  const filter = (group: string, extra: Partial<PutMetricFilterCommandInput> = {}) =>
    new PutMetricFilterCommand({
      logGroupName: group,
      filterName: 'errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      ...extra,
    });

  it('counts matching events, with a default value for the others', async () => {
    const group = uniqueName('/mf/count');
    await createGroupWithStream(client, group, 's');
    await client.send(
      filter(group, {
        metricTransformations: [
          {
            metricName: 'Errors',
            metricNamespace: 'App',
            metricValue: '1',
            defaultValue: 0,
            unit: 'Count',
          },
        ],
      }),
    );
    await put(client, group, 's', [
      { timestamp: START_MS, message: 'ERROR one' },
      { timestamp: START_MS, message: 'INFO fine' },
      { timestamp: START_MS, message: 'ERROR two' },
    ]);
    expect(await metricLines(teiki, 'metric="Errors"')).toEqual([
      'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="App",metric="Errors",dimensions="",unit="Count"} 2',
      'teiki_log_metric_values_total{account="000000000000",region="us-east-1",namespace="App",metric="Errors",dimensions="",unit="Count"} 3',
    ]);
  });

  it('takes the value and dimensions from JSON fields, one series per dimension value', async () => {
    const group = uniqueName('/mf/json');
    await createGroupWithStream(client, group, 's');
    await client.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'latency',
        filterPattern: '{ $.type = "request" }',
        metricTransformations: [
          {
            metricName: 'Latency',
            metricNamespace: 'Web',
            metricValue: '$.ms',
            unit: 'Milliseconds',
            dimensions: { Route: '$.route' },
          },
        ],
      }),
    );
    await put(client, group, 's', [
      { timestamp: START_MS, message: '{"type":"request","route":"/a","ms":120}' },
      { timestamp: START_MS, message: '{"type":"request","route":"/b","ms":30}' },
      { timestamp: START_MS, message: '{"type":"request","route":"/a","ms":80}' },
      { timestamp: START_MS, message: '{"type":"job","route":"/a","ms":999}' },
      // No number: nothing is emitted for it.
      { timestamp: START_MS, message: '{"type":"request","route":"/a","ms":"slow"}' },
    ]);
    expect(await metricLines(teiki, 'metric="Latency"')).toEqual([
      'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="Web",metric="Latency",dimensions="Route=/a",unit="Milliseconds"} 200',
      'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="Web",metric="Latency",dimensions="Route=/b",unit="Milliseconds"} 30',
      'teiki_log_metric_values_total{account="000000000000",region="us-east-1",namespace="Web",metric="Latency",dimensions="Route=/a",unit="Milliseconds"} 2',
      'teiki_log_metric_values_total{account="000000000000",region="us-east-1",namespace="Web",metric="Latency",dimensions="Route=/b",unit="Milliseconds"} 1',
    ]);
  });

  it('reads a space-delimited field by name for the value', async () => {
    const group = uniqueName('/mf/space');
    await createGroupWithStream(client, group, 's');
    await client.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'bytes',
        filterPattern: '[ip, user, username, timestamp, request, status_code = 200, bytes]',
        metricTransformations: [
          { metricName: 'Bytes', metricNamespace: 'Web', metricValue: '$bytes' },
        ],
      }),
    );
    await put(client, group, 's', [
      {
        timestamp: START_MS,
        message: '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a" 200 1534',
      },
      {
        timestamp: START_MS,
        message: '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /b" 404 2000',
      },
      {
        timestamp: START_MS,
        message: '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /c" 200 66',
      },
    ]);
    expect(
      await metricLines(
        teiki,
        'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="Web",metric="Bytes"',
      ),
    ).toEqual([
      'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="Web",metric="Bytes",dimensions="",unit="None"} 1600',
    ]);
  });

  it("counts a task's awslogs lines", async () => {
    const fx = await startTaskFixture(['--in-memory']);
    try {
      const logs = logsClient(fx.teiki);
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/teiki-tests' }));
      await logs.send(
        new PutMetricFilterCommand({
          logGroupName: '/teiki-tests',
          filterName: 'done',
          filterPattern: '"job done"',
          metricTransformations: [
            { metricName: 'JobsDone', metricNamespace: 'Tasks', metricValue: '1' },
          ],
        }),
      );
      const family = await fx.register([
        {
          name: 'app',
          image: 'busybox',
          essential: true,
          command: ['sh', '-c', 'echo "job done"; echo "job done"; echo other'],
          logConfiguration: awslogs('mf'),
        },
      ]);
      const task = await fx.run(family);
      await fx.waitStopped(task.taskArn!);
      expect(await metricLines(fx.teiki, 'metric="JobsDone"')).toEqual([
        'teiki_log_metric_value_sum{account="000000000000",region="us-east-1",namespace="Tasks",metric="JobsDone",dimensions="",unit="None"} 2',
        'teiki_log_metric_values_total{account="000000000000",region="us-east-1",namespace="Tasks",metric="JobsDone",dimensions="",unit="None"} 2',
      ]);
    } finally {
      await fx.close();
    }
  });

  it('describes by group and name prefix, by metric, in pages of limit; deletes', async () => {
    const group = uniqueName('/mf/describe');
    await createGroupWithStream(client, group, 's');
    for (const name of ['b-filter', 'a-filter', 'c-other']) {
      await client.send(
        filter(group, {
          filterName: name,
          metricTransformations: [
            {
              metricName: name.startsWith('c') ? 'Other' : 'Errors',
              metricNamespace: 'App',
              metricValue: '1',
            },
          ],
        }),
      );
    }
    const page = await client.send(
      new DescribeMetricFiltersCommand({ logGroupName: group, limit: 2 }),
    );
    expect(page.metricFilters?.map((f) => f.filterName)).toEqual(['a-filter', 'b-filter']);
    expect(page.metricFilters?.[0]).toEqual({
      filterName: 'a-filter',
      logGroupName: group,
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      creationTime: START_MS,
    });
    const next = await client.send(
      new DescribeMetricFiltersCommand({
        logGroupName: group,
        limit: 2,
        nextToken: page.nextToken,
      }),
    );
    expect(next.metricFilters?.map((f) => f.filterName)).toEqual(['c-other']);
    expect(next.nextToken).toBeUndefined();
    const prefixed = await client.send(
      new DescribeMetricFiltersCommand({ logGroupName: group, filterNamePrefix: 'b' }),
    );
    expect(prefixed.metricFilters?.map((f) => f.filterName)).toEqual(['b-filter']);
    const byMetric = await client.send(
      new DescribeMetricFiltersCommand({ metricName: 'Other', metricNamespace: 'App' }),
    );
    expect(byMetric.metricFilters?.map((f) => f.filterName)).toContain('c-other');
    expect(
      byMetric.metricFilters?.every((f) => f.metricTransformations?.[0]?.metricName === 'Other'),
    ).toBe(true);

    await client.send(
      new DeleteMetricFilterCommand({ logGroupName: group, filterName: 'b-filter' }),
    );
    await expectLogsError(
      client.send(new DeleteMetricFilterCommand({ logGroupName: group, filterName: 'b-filter' })),
      'ResourceNotFoundException',
      'The specified metric filter does not exist.',
    );
    // Deleting the group deletes its filters.
    await client.send(new DeleteLogGroupCommand({ logGroupName: group }));
    await client.send(new CreateLogGroupCommand({ logGroupName: group }));
    const after = await client.send(new DescribeMetricFiltersCommand({ logGroupName: group }));
    expect(after.metricFilters).toEqual([]);
  });

  it('replaces a filter of the same name, keeping its creation time', async () => {
    const group = uniqueName('/mf/replace');
    await createGroupWithStream(client, group, 's');
    await client.send(filter(group));
    await client.send(filter(group, { filterPattern: 'WARN' }));
    const out = await client.send(new DescribeMetricFiltersCommand({ logGroupName: group }));
    expect(out.metricFilters).toHaveLength(1);
    expect(out.metricFilters?.[0]).toMatchObject({ filterPattern: 'WARN', creationTime: START_MS });
  });

  it('allows 100 filters per log group', async () => {
    const group = uniqueName('/mf/limit');
    await createGroupWithStream(client, group, 's');
    for (let i = 0; i < 100; i++) await client.send(filter(group, { filterName: `f${i}` }));
    await expectLogsError(
      client.send(filter(group, { filterName: 'one-too-many' })),
      'LimitExceededException',
      /at most 100 metric filters/,
    );
  });

  describe('refuses', () => {
    let group: string;
    beforeAll(async () => {
      group = uniqueName('/mf/errors');
      await createGroupWithStream(client, group, 's');
    });
    const t = (extra: Record<string, unknown>) => ({
      metricTransformations: [
        { metricName: 'M', metricNamespace: 'N', metricValue: '1', ...extra },
      ],
    });

    it.each<[string, () => Partial<PutMetricFilterCommandInput>, string, string | RegExp]>([
      [
        'a group that does not exist',
        () => ({ logGroupName: '/no/such' }),
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      ],
      [
        'an invalid pattern',
        () => ({ filterPattern: '{ $.a = ' }),
        'InvalidParameterException',
        /filter pattern/,
      ],
      [
        'a value that is neither a number nor a field',
        () => t({ metricValue: 'lots' }),
        'InvalidParameterException',
        'Invalid metric transformation: metric value lots must be a valid number',
      ],
      [
        'a field value with a terms pattern',
        () => t({ metricValue: '$.ms' }),
        'InvalidParameterException',
        /must be a valid number/,
      ],
      [
        'dimensions on a terms pattern',
        () => t({ dimensions: { A: '$.a' } }),
        'InvalidParameterException',
        /only supported for JSON and space-delimited/,
      ],
      [
        'dimensions with a default value',
        () => ({
          filterPattern: '{ $.a = 1 }',
          ...t({ dimensions: { A: '$.a' }, defaultValue: 0 }),
        }),
        'InvalidParameterException',
        /cannot have a default value/,
      ],
      [
        'four dimensions',
        () => ({
          filterPattern: '{ $.a = 1 }',
          ...t({ dimensions: { A: '$.a', B: '$.b', C: '$.c', D: '$.d' } }),
        }),
        'InvalidParameterException',
        /at most 3 dimensions/,
      ],
      [
        'two transformations',
        () => ({
          metricTransformations: [t({}).metricTransformations[0]!, t({}).metricTransformations[0]!],
        }),
        'InvalidParameterException',
        /metricTransformations.*less than or equal to 1/,
      ],
    ])('%s', async (_, extra, name, message) => {
      await expectLogsError(client.send(filter(group, extra())), name, message);
    });

    it('metricName without metricNamespace in DescribeMetricFilters', async () => {
      await expectLogsError(
        client.send(new DescribeMetricFiltersCommand({ metricName: 'M' })),
        'InvalidParameterException',
        'If you include the metricName parameter in your request, you must also include the metricNamespace parameter.',
      );
    });
  });
});
