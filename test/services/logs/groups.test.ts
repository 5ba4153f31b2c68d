import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  paginateDescribeLogGroups,
  PutLogGroupDeletionProtectionCommand,
  PutRetentionPolicyCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { expectLogsError, logsClient, put, START, START_MS, uniqueName } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
});
afterAll(() => teiki.close());

const logs = () => logsClient(teiki);

async function describeOne(name: string): Promise<LogGroup> {
  const out = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = out.logGroups?.find((g) => g.logGroupName === name);
  if (!group) throw new Error(`${name} is not described`);
  return group;
}

describe('CreateLogGroup', () => {
  it('creates a group that DescribeLogGroups shows with every field AWS returns', async () => {
    const name = `/ecs/${uniqueName('create')}`;
    const out = await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const group = await describeOne(name);
    const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;
    expect(group).toEqual({
      logGroupName: name,
      creationTime: START_MS,
      metricFilterCount: 0,
      arn: `${arn}:*`,
      logGroupArn: arn,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
    });
  });

  it('keeps the class, KMS key and tags it was created with', async () => {
    const name = uniqueName('classy');
    const kmsKeyId = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await logs().send(
      new CreateLogGroupCommand({
        logGroupName: name,
        logGroupClass: 'INFREQUENT_ACCESS',
        kmsKeyId,
        tags: { team: 'batch' },
      }),
    );
    const group = await describeOne(name);
    expect(group.logGroupClass).toBe('INFREQUENT_ACCESS');
    expect(group.kmsKeyId).toBe(kmsKeyId);
    expect(group.dataProtectionStatus).toBeUndefined();
  });

  it('refuses a name that exists', async () => {
    const name = uniqueName('twice');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await expectLogsError(
      logs().send(new CreateLogGroupCommand({ logGroupName: name })),
      'ResourceAlreadyExistsException',
      'The specified log group already exists',
    );
  });

  it('refuses a name outside the model pattern', async () => {
    await expectLogsError(
      logs().send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
  });

  it('keeps groups of other accounts and regions apart', async () => {
    const name = uniqueName('scoped');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await logsClient(teiki, { region: 'eu-west-1' }).send(
      new CreateLogGroupCommand({ logGroupName: name }),
    );
    const other = await logsClient(teiki, { accessKeyId: '123456789012' }).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
    );
    expect(other.logGroups).toEqual([]);
    const west = await logsClient(teiki, { region: 'eu-west-1' }).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
    );
    expect(west.logGroups?.[0]?.arn).toBe(
      `arn:aws:logs:eu-west-1:000000000000:log-group:${name}:*`,
    );
  });
});

describe('DeleteLogGroup', () => {
  it('deletes the group with its streams and events', async () => {
    const name = uniqueName('doomed');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs().send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's' }));
    await put(logs(), name, 's', [{ timestamp: START_MS, message: 'old life' }]);
    await logs().send(new DeleteLogGroupCommand({ logGroupName: name }));
    expect(
      (await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups,
    ).toEqual([]);

    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    const streams = await logs().send(new DescribeLogStreamsCommand({ logGroupName: name }));
    expect(streams.logStreams).toEqual([]);
    await logs().send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's' }));
    const events = await logs().send(
      new GetLogEventsCommand({ logGroupName: name, logStreamName: 's' }),
    );
    expect(events.events).toEqual([]);
  });

  it('is ResourceNotFoundException for a missing group', async () => {
    await expectLogsError(
      logs().send(new DeleteLogGroupCommand({ logGroupName: uniqueName('never') })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  it('refuses while deletion protection is on, and deletes once it is off', async () => {
    const name = uniqueName('protected');
    await logs().send(
      new CreateLogGroupCommand({ logGroupName: name, deletionProtectionEnabled: true }),
    );
    expect((await describeOne(name)).deletionProtectionEnabled).toBe(true);
    await expectLogsError(
      logs().send(new DeleteLogGroupCommand({ logGroupName: name })),
      'ValidationException',
      'Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
    );
    await logs().send(
      new PutLogGroupDeletionProtectionCommand({
        logGroupIdentifier: name,
        deletionProtectionEnabled: false,
      }),
    );
    await logs().send(new DeleteLogGroupCommand({ logGroupName: name }));
  });
});

describe('DescribeLogGroups', () => {
  const prefix = `/app/${uniqueName('list')}`;
  const names = ['alpha', 'Beta', 'gamma', 'delta', 'epsilon'].map((n) => `${prefix}/${n}`);

  beforeAll(async () => {
    for (const name of names) await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
  });

  it('lists by prefix in ASCII order', async () => {
    const out = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }));
    expect(out.logGroups?.map((g) => g.logGroupName)).toEqual([...names].sort());
    expect(out.nextToken).toBeUndefined();
  });

  it('matches a pattern as a case-insensitive substring and answers only name, time and ARN', async () => {
    const out = await logs().send(
      new DescribeLogGroupsCommand({ logGroupNamePattern: `${prefix.slice(5)}/BETA` }),
    );
    expect(out.logGroups).toEqual([
      {
        logGroupName: `${prefix}/Beta`,
        creationTime: START_MS,
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${prefix}/Beta:*`,
      },
    ]);
  });

  it('refuses a prefix and a pattern together', async () => {
    await expectLogsError(
      logs().send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, logGroupNamePattern: 'a' }),
      ),
      'InvalidParameterException',
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [51, 'less than or equal to 50'],
  ])('refuses a limit of %i', async (limit, bound) => {
    await expectLogsError(
      logs().send(new DescribeLogGroupsCommand({ limit })),
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${bound}`,
    );
  });

  it('pages with nextToken, the last page without one', async () => {
    const first = await logs().send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 2 }),
    );
    expect(first.logGroups).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await logs().send(
      new DescribeLogGroupsCommand({
        logGroupNamePrefix: prefix,
        limit: 3,
        nextToken: first.nextToken,
      }),
    );
    expect(second.logGroups).toHaveLength(3);
    expect(second.nextToken).toBeUndefined();
    expect([...first.logGroups!, ...second.logGroups!].map((g) => g.logGroupName)).toEqual(
      [...names].sort(),
    );
  });

  it('works with the SDK paginator', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeLogGroups(
      { client: logs(), pageSize: 2 },
      { logGroupNamePrefix: prefix },
    )) {
      pages += 1;
      seen.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());
  });

  it('filters by pattern across pages', async () => {
    const seen: string[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: logs(), pageSize: 1 },
      { logGroupNamePattern: `${prefix.slice(5)}/` },
    )) {
      seen.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    }
    expect(seen).toEqual([...names].sort());
  });

  it('selects by class and by identifiers', async () => {
    const infrequent = `${prefix}-ia`;
    await logs().send(
      new CreateLogGroupCommand({ logGroupName: infrequent, logGroupClass: 'INFREQUENT_ACCESS' }),
    );
    const byClass = await logs().send(
      new DescribeLogGroupsCommand({
        logGroupNamePrefix: prefix,
        logGroupClass: 'INFREQUENT_ACCESS',
      }),
    );
    expect(byClass.logGroups?.map((g) => g.logGroupName)).toEqual([infrequent]);
    const byId = await logs().send(
      new DescribeLogGroupsCommand({
        logGroupIdentifiers: [
          names[0]!,
          `arn:aws:logs:us-east-1:000000000000:log-group:${names[2]}`,
        ],
      }),
    );
    expect(byId.logGroups?.map((g) => g.logGroupName)).toEqual([names[0], names[2]].sort());
  });

  it('answers a token it did not issue with an empty last page, as AWS does', async () => {
    const out = await logs().send(new DescribeLogGroupsCommand({ nextToken: 'garbage' }));
    expect(out.logGroups).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });
});

describe('PutRetentionPolicy and DeleteRetentionPolicy', () => {
  it.each([
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
  ])('accepts %i days', async (days) => {
    const name = uniqueName('retained');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    expect((await describeOne(name)).retentionInDays).toBe(days);
  });

  it.each([0, 2, 8, 366, 3654, -1])('refuses %i days with AWS message', async (days) => {
    const name = uniqueName('odd-retention');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await expectLogsError(
      logs().send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days })),
      'InvalidParameterException',
      `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]`,
    );
    expect((await describeOne(name)).retentionInDays).toBeUndefined();
  });

  it('removes the policy', async () => {
    const name = uniqueName('forever');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 }));
    await logs().send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
    expect((await describeOne(name)).retentionInDays).toBeUndefined();
  });

  it('is ResourceNotFoundException for a missing group', async () => {
    const name = uniqueName('absent');
    await expectLogsError(
      logs().send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      logs().send(new DeleteRetentionPolicyCommand({ logGroupName: name })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });
});

describe('PutLogGroupDeletionProtection', () => {
  it('takes an ARN and is ResourceNotFoundException for a missing group', async () => {
    const name = uniqueName('arn-protect');
    await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs().send(
      new PutLogGroupDeletionProtectionCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${name}`,
        deletionProtectionEnabled: true,
      }),
    );
    expect((await describeOne(name)).deletionProtectionEnabled).toBe(true);
    await expectLogsError(
      logs().send(
        new PutLogGroupDeletionProtectionCommand({
          logGroupIdentifier: uniqueName('missing'),
          deletionProtectionEnabled: true,
        }),
      ),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });
});
