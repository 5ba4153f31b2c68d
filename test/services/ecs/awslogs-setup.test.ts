/** The awslogs driver before a container starts: stream names, groups, Fargate's reasons. */
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwslogsSetupError } from '../../../src/services/ecs/awslogs/types.js';
import {
  readEvents,
  startDriverFixture,
  target,
  TASK_ID,
  uniqueGroup,
  type DriverFixture,
} from './awslogs-helpers.js';

let fx: DriverFixture;
beforeAll(async () => {
  fx = await startDriverFixture();
});
afterAll(() => fx.teiki.close());

const MISSING_GROUP =
  'ResourceInitializationError: failed to validate logger args: create stream has been ' +
  'retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: ' +
  'The specified log group does not exist. : exit status 1';

async function setupFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AwslogsSetupError);
    return (error as AwslogsSetupError).reason;
  }
  throw new Error('expected the setup to fail');
}

async function streamNames(group: string, region = 'us-east-1', accessKeyId = 'test') {
  const out = await fx
    .logs(region, accessKeyId)
    .send(new DescribeLogStreamsCommand({ logGroupName: group }));
  return (out.logStreams ?? []).map((stream) => stream.logStreamName);
}

describe('stream names', () => {
  it('is PREFIX/CONTAINER/TASK_ID with awslogs-stream-prefix', async () => {
    const group = uniqueGroup();
    await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
    const sink = await fx.driver.open(
      target(group, { 'awslogs-stream-prefix': 'batch' }, { containerName: 'worker' }),
    );
    expect(sink.logGroupName).toBe(group);
    expect(sink.logStreamName).toBe(`batch/worker/${TASK_ID}`);
    expect(sink.region).toBe('us-east-1');
    expect(await streamNames(group)).toEqual([`batch/worker/${TASK_ID}`]);
    await sink.close();
  });

  it('is the container id without a prefix, as Docker names it on EC2', async () => {
    const group = uniqueGroup();
    await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
    const id = 'a'.repeat(64);
    const named = await fx.driver.open(
      target(group, { 'awslogs-stream-prefix': '' }, { containerId: id }),
    );
    expect(named.logStreamName).toBe(id);
    const drawn = target(group);
    delete drawn.options['awslogs-stream-prefix'];
    const unnamed = await fx.driver.open(drawn);
    expect(unnamed.logStreamName).toMatch(/^[0-9a-f]{64}$/);
    expect(unnamed.logStreamName).not.toBe(id);
    expect((await streamNames(group)).sort()).toEqual([id, unnamed.logStreamName].sort());
    await Promise.all([named.close(), unnamed.close()]);
  });

  it('puts the group in awslogs-region of the task account', async () => {
    const group = uniqueGroup();
    const account = '123456789012';
    await fx.logs('eu-west-1', account).send(new CreateLogGroupCommand({ logGroupName: group }));
    const sink = await fx.driver.open(
      target(group, { 'awslogs-region': 'eu-west-1' }, { accountId: account }),
    );
    expect(sink.region).toBe('eu-west-1');
    sink.write('stdout', 'hello from eu-west-1');
    await sink.close();
    expect(await streamNames(group, 'eu-west-1', account)).toEqual([`ecs/app/${TASK_ID}`]);
    const events = await readEvents(fx.logs('eu-west-1', account), group, sink.logStreamName);
    expect(events.map((e) => e.message)).toEqual(['hello from eu-west-1']);
    // Nothing landed in the default account or in the default region.
    const elsewhere = await fx
      .logs('us-east-1', account)
      .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(elsewhere.logGroups).toEqual([]);
    const otherAccount = await fx
      .logs('eu-west-1')
      .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(otherAccount.logGroups).toEqual([]);
  });

  it('reuses an existing stream and appends to it', async () => {
    const group = uniqueGroup();
    const stream = `ecs/app/${TASK_ID}`;
    await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
    await fx
      .logs()
      .send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    const t0 = fx.clock.nowMs();
    await fx.logs().send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [{ timestamp: t0, message: 'before the task' }],
      }),
    );
    await fx.clock.advance(5);
    const sink = await fx.driver.open(target(group));
    sink.write('stdout', 'from the task');
    await sink.close();
    expect(await readEvents(fx.logs(), group, stream)).toEqual([
      { timestamp: t0, message: 'before the task' },
      { timestamp: t0 + 5, message: 'from the task' },
    ]);
  });
});

describe('awslogs-create-group', () => {
  it.each([['true'], ['True'], ['TRUE'], ['t'], ['1']])(
    'creates a missing group when it is %s',
    async (value) => {
      const group = uniqueGroup();
      const sink = await fx.driver.open(target(group, { 'awslogs-create-group': value }));
      const groups = await fx
        .logs()
        .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
      expect(groups.logGroups?.map((g) => [g.logGroupName, g.logGroupClass])).toEqual([
        [group, 'STANDARD'],
      ]);
      expect(groups.logGroups?.[0]?.creationTime).toBe(fx.clock.nowMs());
      expect(await streamNames(group)).toEqual([`ecs/app/${TASK_ID}`]);
      await sink.close();
    },
  );

  it('keeps an existing group as it is when asked to create it', async () => {
    const group = uniqueGroup();
    await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group, tags: { team: 'a' } }));
    const sink = await fx.driver.open(target(group, { 'awslogs-create-group': 'true' }));
    sink.write('stdout', 'kept');
    await sink.close();
    const groups = await fx
      .logs()
      .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(groups.logGroups).toHaveLength(1);
    expect((await readEvents(fx.logs(), group, sink.logStreamName)).map((e) => e.message)).toEqual([
      'kept',
    ]);
  });

  it.each([[undefined], ['false'], ['0'], ['F']])(
    'fails the container as Fargate does when the group is missing and the option is %s',
    async (value) => {
      const group = uniqueGroup();
      const options: Record<string, string> =
        value === undefined ? {} : { 'awslogs-create-group': value };
      expect(await setupFailure(fx.driver.open(target(group, options)))).toBe(MISSING_GROUP);
      // Nothing was created on the way.
      const groups = await fx
        .logs()
        .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
      expect(groups.logGroups).toEqual([]);
    },
  );

  it('refuses a value Go cannot parse as a boolean', async () => {
    expect(
      await setupFailure(fx.driver.open(target(uniqueGroup(), { 'awslogs-create-group': 'yes' }))),
    ).toBe(
      'ResourceInitializationError: failed to validate logger args: ' +
        'strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });

  it('does not look in another region for the group', async () => {
    const group = uniqueGroup();
    await fx.logs('us-west-2').send(new CreateLogGroupCommand({ logGroupName: group }));
    expect(await setupFailure(fx.driver.open(target(group)))).toBe(MISSING_GROUP);
  });
});

describe('driver arguments', () => {
  it.each([
    ['awslogs-group', 'unable to get awslogs driver arguments: awslogs-group is required'],
    ['awslogs-region', 'unable to get awslogs driver arguments: awslogs-region is required'],
  ])('refuses a task without %s', async (option, detail) => {
    const bad = target(uniqueGroup());
    delete bad.options[option];
    expect(await setupFailure(fx.driver.open(bad))).toBe(
      `ResourceInitializationError: failed to validate logger args: ${detail}`,
    );
  });

  it('refuses names CreateLogStream refuses, with its validation message', async () => {
    const group = uniqueGroup();
    await fx.logs().send(new CreateLogGroupCommand({ logGroupName: group }));
    expect(
      await setupFailure(fx.driver.open(target(group, { 'awslogs-stream-prefix': 'a:b' }))),
    ).toBe(
      'ResourceInitializationError: failed to validate logger args: create stream has been ' +
        'retried 1 times: failed to create Cloudwatch log stream: InvalidParameterException: ' +
        `1 validation error detected: Value 'a:b/app/${TASK_ID}' at 'logStreamName' failed to ` +
        'satisfy constraint: Member must satisfy regular expression pattern: [^:*]* : exit status 1',
    );
    expect(
      await setupFailure(
        fx.driver.open(
          target('bad group', { 'awslogs-stream-prefix': 'x*', 'awslogs-create-group': 'true' }),
        ),
      ),
    ).toBe(
      'ResourceInitializationError: failed to validate logger args: create stream has been ' +
        'retried 1 times: failed to create Cloudwatch log stream: InvalidParameterException: ' +
        "2 validation errors detected: Value 'bad group' at 'logGroupName' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; ' +
        `Value 'x*/app/${TASK_ID}' at 'logStreamName' failed to satisfy constraint: Member ` +
        'must satisfy regular expression pattern: [^:*]* : exit status 1',
    );
    expect(await streamNames(group)).toEqual([]);
  });

  it('refuses a multi-line pattern that does not compile', async () => {
    const reason = await setupFailure(
      fx.driver.open(target(uniqueGroup(), { 'awslogs-multiline-pattern': '^(INFO' })),
    );
    // Go's regexp package words the error; moby passes it on.
    expect(reason).toMatch(
      /^ResourceInitializationError: failed to validate logger args: awslogs could not parse multiline pattern key "\^\(INFO": error parsing regexp: missing closing \): `\^\(INFO`/,
    );
    // RE2 has no backreferences or lookaround, as Go's regexp has none.
    for (const [pattern, words] of [
      ['(a)\\1', 'invalid escape sequence: `\\1`'],
      ['a(?=b)', 'invalid or unsupported Perl syntax: `(?=`'],
    ]) {
      const refused = await setupFailure(
        fx.driver.open(target(uniqueGroup(), { 'awslogs-multiline-pattern': pattern! })),
      );
      expect(refused).toContain(`error parsing regexp: ${words}`);
    }
    // A datetime format is regular-expression text around the conversions, as in moby.
    const fromFormat = await setupFailure(
      fx.driver.open(target(uniqueGroup(), { 'awslogs-datetime-format': '[%Y' })),
    );
    expect(fromFormat).toContain('awslogs could not parse multiline pattern key "[\\\\d{4}"');
  });
});
