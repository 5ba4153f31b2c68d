/** Saved Logs Insights queries through SDK v3: put, update, describe (filtered, paged), delete. */
import {
  DeleteQueryDefinitionCommand,
  DescribeQueryDefinitionsCommand,
  PutQueryDefinitionCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestTeiki } from '../../helpers/teiki.js';
import { advanceClock, expectLogsError, logsClient, START_MS, startLogsTeiki } from './helpers.js';

describe('query definitions', () => {
  let teiki: TestTeiki;
  let client: CloudWatchLogsClient;
  beforeAll(async () => {
    teiki = await startLogsTeiki(['--in-memory']);
    client = logsClient(teiki);
  });
  afterAll(() => teiki.close());

  it('creates, lists by name, updates in place and deletes', async () => {
    const errors = await client.send(
      new PutQueryDefinitionCommand({
        name: 'jobs/errors',
        queryString: 'filter @message like /ERROR/ | stats count(*) by bin(5m)',
        logGroupNames: ['/ecs/scheduler'],
      }),
    );
    const slow = await client.send(
      new PutQueryDefinitionCommand({ name: 'jobs/slow', queryString: 'filter ms > 1000' }),
    );
    await client.send(
      new PutQueryDefinitionCommand({ name: 'other', queryString: 'fields @message' }),
    );
    const listed = await client.send(
      new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'jobs/' }),
    );
    expect(listed.queryDefinitions).toEqual([
      {
        queryDefinitionId: errors.queryDefinitionId,
        name: 'jobs/errors',
        queryString: 'filter @message like /ERROR/ | stats count(*) by bin(5m)',
        logGroupNames: ['/ecs/scheduler'],
        queryLanguage: 'CWLI',
        lastModified: START_MS,
      },
      {
        queryDefinitionId: slow.queryDefinitionId,
        name: 'jobs/slow',
        queryString: 'filter ms > 1000',
        queryLanguage: 'CWLI',
        lastModified: START_MS,
      },
    ]);

    await advanceClock(teiki, 60);
    const updated = await client.send(
      new PutQueryDefinitionCommand({
        queryDefinitionId: slow.queryDefinitionId,
        name: 'jobs/slow',
        queryString: 'filter ms > 2000',
      }),
    );
    expect(updated.queryDefinitionId).toBe(slow.queryDefinitionId);
    const after = await client.send(
      new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'jobs/slow' }),
    );
    expect(after.queryDefinitions).toMatchObject([
      { queryString: 'filter ms > 2000', lastModified: START_MS + 60_000 },
    ]);

    expect(
      await client.send(
        new DeleteQueryDefinitionCommand({ queryDefinitionId: slow.queryDefinitionId }),
      ),
    ).toMatchObject({ success: true });
    await expectLogsError(
      client.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: slow.queryDefinitionId })),
      'ResourceNotFoundException',
      'The specified query definition does not exist.',
    );
  });

  it('pages with maxResults and nextToken', async () => {
    for (const n of ['p/a', 'p/b', 'p/c']) {
      await client.send(new PutQueryDefinitionCommand({ name: n, queryString: 'fields @message' }));
    }
    const first = await client.send(
      new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'p/', maxResults: 2 }),
    );
    expect(first.queryDefinitions?.map((d) => d.name)).toEqual(['p/a', 'p/b']);
    const second = await client.send(
      new DescribeQueryDefinitionsCommand({
        queryDefinitionNamePrefix: 'p/',
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    );
    expect(second.queryDefinitions?.map((d) => d.name)).toEqual(['p/c']);
    expect(second.nextToken).toBeUndefined();
  });

  it('refuses to update a definition that does not exist, and bad input', async () => {
    await expectLogsError(
      client.send(
        new PutQueryDefinitionCommand({
          queryDefinitionId: '00000000-0000-0000-0000-000000000000',
          name: 'x',
          queryString: 'fields @message',
        }),
      ),
      'ResourceNotFoundException',
      'The specified query definition does not exist.',
    );
    await expectLogsError(
      client.send(new PutQueryDefinitionCommand({ name: 'x', queryString: '' })),
      'InvalidParameterException',
      /queryString.*length greater than or equal to 1/,
    );
  });
});
