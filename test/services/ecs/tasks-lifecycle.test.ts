/** RunTask with the process runtime: a task's whole life, as DescribeTasks shows it. */
import { ECSServiceException } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../../../src/services/ecs/records.js';
import type { TaskStateChangeEvent } from '../../../src/services/ecs/tasks/index.js';
import { awslogs, startTaskFixture, type TaskFixture } from './tasks-fixtures.js';

let f: TaskFixture;
const events: TaskStateChangeEvent[] = [];
beforeAll(async () => {
  f = await startTaskFixture();
  f.teiki.taskStateChanges.subscribe((event) => events.push(event));
});
afterAll(() => f.close());

describe('a task that prints and exits 3', () => {
  let family: string;
  let started: Awaited<ReturnType<TaskFixture['run']>>;
  let stopped: Awaited<ReturnType<TaskFixture['waitStopped']>>;

  beforeAll(async () => {
    family = await f.register([
      {
        name: 'app',
        image: 'example/app:1',
        essential: true,
        command: ['sh', '-c', 'echo "hello from $GREETING"; echo oops >&2; exit 3'],
        environment: [{ name: 'GREETING', value: 'teiki' }],
        logConfiguration: awslogs(),
      },
    ]);
    started = await f.run(family, {
      startedBy: 'tests',
      group: 'batch',
      tags: [{ key: 'k', value: 'v' }],
    });
    stopped = await f.waitStopped(started.taskArn ?? '');
  });

  it('is answered PROVISIONING, its interface precreated in the subnet', () => {
    expect(started.lastStatus).toBe('PROVISIONING');
    expect(started.desiredStatus).toBe('RUNNING');
    expect(started.taskArn).toMatch(
      /^arn:aws:ecs:us-east-1:000000000000:task\/default\/[a-f0-9]{32}$/,
    );
    expect(started.clusterArn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/default');
    expect(started.taskDefinitionArn).toBe(
      `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`,
    );
    expect(started.attachments).toEqual([
      expect.objectContaining({
        type: 'ElasticNetworkInterface',
        status: 'PRECREATED',
        details: [{ name: 'subnetId', value: f.subnetId }],
      }),
    ]);
    expect(started.containers?.[0]).toMatchObject({
      name: 'app',
      lastStatus: 'PENDING',
      image: 'example/app:1',
    });
    expect(started).toMatchObject({
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      cpu: '256',
      memory: '512',
      startedBy: 'tests',
      group: 'batch',
      version: 1,
      tags: [{ key: 'k', value: 'v' }],
    });
  });

  it('stops with the exit code, EssentialContainerExited and ECS reason', () => {
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.desiredStatus).toBe('STOPPED');
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.stoppedReason).toBe('Essential container in task exited');
    expect(stopped.containers?.[0]).toMatchObject({
      name: 'app',
      lastStatus: 'STOPPED',
      exitCode: 3,
    });
    expect(stopped.containers?.[0]?.runtimeId).toMatch(/^[a-f0-9]{32}-\d+$/);
  });

  it('records its timestamps in order and a version that grew', () => {
    const t = stopped;
    const order = [
      t.createdAt,
      t.connectivityAt,
      t.pullStartedAt,
      t.pullStoppedAt,
      t.startedAt,
      t.stoppingAt,
      t.executionStoppedAt,
      t.stoppedAt,
    ].map((d) => d?.getTime());
    expect(order.every((ms) => typeof ms === 'number')).toBe(true);
    expect([...order].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(order);
    expect(t.version).toBeGreaterThan(started.version ?? 1);
  });

  it('had an ENI with an address from the subnet, released once stopped', () => {
    const attachment = stopped.attachments?.[0];
    expect(attachment?.status).toBe('DELETED');
    const details: Record<string, string | undefined> = Object.fromEntries(
      (attachment?.details ?? []).map((d) => [d.name ?? '', d.value]),
    );
    expect(Object.keys(details)).toEqual([
      'subnetId',
      'networkInterfaceId',
      'macAddress',
      'privateDnsName',
      'privateIPv4Address',
    ]);
    expect(details.networkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(details.privateDnsName).toBe(
      `ip-${String(details.privateIPv4Address).replaceAll('.', '-')}.ec2.internal`,
    );
    expect(stopped.containers?.[0]?.networkInterfaces).toEqual([
      { attachmentId: attachment?.id, privateIpv4Address: details.privateIPv4Address },
    ]);
    expect(stopped.availabilityZone).toMatch(/^us-east-1[a-f]$/);
  });

  it('shipped stdout and stderr to its awslogs stream', async () => {
    // stdout and stderr are two pipes: their relative order is not defined, as in Docker.
    const lines = await f.logLines('app', stopped.taskArn ?? '');
    expect([...lines].sort()).toEqual(['hello from teiki', 'oops']);
  });

  it('published a state change for every step, in AWS order', () => {
    const mine = events.filter((e) => e.resources[0] === stopped.taskArn);
    const statuses = mine.map((e) => e.detail.lastStatus as string);
    const distinct = statuses.filter((s, i) => s !== statuses[i - 1]);
    expect(distinct).toEqual(TASK_STATUSES);
    const versions = mine.map((e) => e.detail.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(mine[0]).toMatchObject({
      source: 'aws.ecs',
      'detail-type': 'ECS Task State Change',
      account: '000000000000',
      region: 'us-east-1',
    });
    expect(mine.at(-1)?.detail).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      taskArn: stopped.taskArn,
    });
    expect(typeof mine.at(-1)?.detail.updatedAt).toBe('string');
  });
});

describe('containers of one task', () => {
  it('applies command and environment overrides', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: 'app',
        command: ['sh', '-c', 'echo default'],
        environment: [
          { name: 'A', value: 'from-definition' },
          { name: 'B', value: 'kept' },
        ],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family, {
      overrides: {
        containerOverrides: [
          {
            name: 'app',
            command: ['sh', '-c', 'echo "$A $B $AWS_REGION $AWS_EXECUTION_ENV"'],
            environment: [{ name: 'A', value: 'overridden' }],
          },
        ],
      },
    });
    expect(task.overrides?.containerOverrides?.[0]?.command).toEqual([
      'sh',
      '-c',
      'echo "$A $B $AWS_REGION $AWS_EXECUTION_ENV"',
    ]);
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual([
      'overridden kept us-east-1 AWS_ECS_FARGATE',
    ]);
  });

  it('stops the other containers with SIGTERM when an essential one exits', async () => {
    const family = await f.register([
      {
        name: 'main',
        image: 'm',
        command: ['sh', '-c', 'sleep 0.2; exit 0'],
        logConfiguration: awslogs(),
      },
      {
        name: 'sidecar',
        image: 's',
        essential: false,
        command: [
          'sh',
          '-c',
          'trap "echo sidecar got TERM; exit 7" TERM; while :; do sleep 0.05; done',
        ],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    const stopped = await f.waitStopped(task.taskArn ?? '');
    const byName = Object.fromEntries((stopped.containers ?? []).map((c) => [c.name, c]));
    expect(byName.main?.exitCode).toBe(0);
    expect(byName.sidecar?.exitCode).toBe(7);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(await f.logLines('sidecar', task.taskArn ?? '')).toEqual(['sidecar got TERM']);
  });

  it('starts a container after the one it depends on succeeded', async () => {
    const family = await f.register([
      {
        name: 'init',
        image: 'i',
        essential: false,
        command: ['sh', '-c', 'echo init done'],
        logConfiguration: awslogs(),
      },
      {
        name: 'app',
        image: 'a',
        dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
        command: ['sh', '-c', 'echo app ran'],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped.containers?.map((c) => [c.name, c.exitCode])).toEqual([
      ['init', 0],
      ['app', 0],
    ]);
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual(['app ran']);
  });

  it('never starts a container whose SUCCESS dependency failed', async () => {
    const family = await f.register([
      { name: 'init', image: 'i', essential: false, command: ['sh', '-c', 'exit 4'] },
      {
        name: 'app',
        image: 'a',
        dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
        command: ['sh', '-c', 'echo must not run'],
      },
    ]);
    const task = await f.run(family);
    const stopped = await f.waitStopped(task.taskArn ?? '');
    const app = stopped.containers?.find((c) => c.name === 'app');
    expect(app?.exitCode).toBeUndefined();
    expect(app?.reason).toMatch(/SUCCESS/);
    expect(stopped.containers?.find((c) => c.name === 'init')?.exitCode).toBe(4);
  });
});

describe('tasks that fail to start', () => {
  it('reports a command that cannot start as CannotStartContainerError', async () => {
    const family = await f.register([
      { name: 'app', image: 'x', command: ['teiki-no-such-binary'] },
    ]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(/^CannotStartContainerError: .*teiki-no-such-binary/);
    expect(stopped.containers?.[0]?.reason).toBe(stopped.stoppedReason);
    expect(stopped.containers?.[0]?.exitCode).toBeUndefined();
    expect(stopped.startedAt).toBeUndefined();
  });

  it('says what to do when the process runtime has no command to run', async () => {
    // The README's first Scheduler target lacked the command override its rule had: the
    // task failed to start, and its reason must point at that, not at a container engine.
    const family = await f.register([{ name: 'logger', image: 'ecs-scheduler-sample:v1' }]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toBe(
      'CannotStartContainerError: ResourceInitializationError: container logger has nothing ' +
        'to run: neither the task definition nor the overrides give it an entryPoint or ' +
        'command, and the process runtime cannot run the entry point of image ' +
        'ecs-scheduler-sample:v1. Give the container a command (in its task definition, or in ' +
        "the overrides of RunTask or of the rule's or schedule's target), or start teiki with " +
        "--runtime docker (and --image-map 'ecs-scheduler-sample:v1=LOCAL_IMAGE' if no " +
        'registry has it)',
    );
    expect(stopped.stoppedReason).not.toMatch(/runc|shim|OCI/);
    expect(stopped.containers?.[0]?.reason).toBe(stopped.stoppedReason);
  });

  it('fails when the awslogs group is missing and may not be created', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: 'x',
        command: ['true'],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/teiki-tests/does-not-exist',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'p',
          },
        },
      },
    ]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(
      /^ResourceInitializationError: .*log group does not exist/,
    );
  });
});

describe('RunTask errors', () => {
  let family: string;
  beforeAll(async () => {
    family = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
  });

  it.each([
    [
      'an unknown task definition',
      { taskDefinition: 'nope-nope' },
      'InvalidParameterException',
      'TaskDefinition not found.',
    ],
    ['an unknown cluster', { cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.'],
    ['count 0', { count: 0 }, 'InvalidParameterException', 'count must be between 1 and 10.'],
    ['count 11', { count: 11 }, 'InvalidParameterException', 'count must be between 1 and 10.'],
    [
      'the EC2 launch type',
      { launchType: 'EC2' as const },
      'InvalidParameterException',
      'No Container Instances were found in your cluster.',
    ],
    [
      'a launch type outside ECS’s enum, in ECS’s own words',
      { launchType: 'Fargate' as 'FARGATE' },
      'InvalidParameterException',
      'launch type should be one of [EC2,FARGATE,EXTERNAL,MANAGED_INSTANCES]',
    ],
    [
      'a launch type and a capacity provider strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    ],
    [
      'no network configuration',
      { networkConfiguration: undefined },
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ],
    [
      'no subnets',
      { networkConfiguration: { awsvpcConfiguration: { subnets: [] } } },
      'InvalidParameterException',
      'subnets can not be empty.',
    ],
    [
      'an unknown subnet',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } } },
      'InvalidParameterException',
      "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID 'subnet-0123456789abcdef0' does not exist (ErrorCode: InvalidSubnetID.NotFound)",
    ],
    [
      'an unknown platform version',
      { platformVersion: '9.9.9' },
      'PlatformUnknownException',
      'The specified platform version does not exist.',
    ],
    [
      'an override for an unknown container',
      { overrides: { containerOverrides: [{ name: 'ghost', command: ['x'] }] } },
      'InvalidParameterException',
      'Override for container named ghost is not a container in the TaskDefinition.',
    ],
  ])('refuses %s', async (_, extra, code, message) => {
    const before = await f.teiki.store.collection('ecs.tasks').listAllScopes();
    const name = 'taskDefinition' in extra ? extra.taskDefinition : family;
    const error = await f.run(name, extra).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect((error as ECSServiceException).name).toBe(code);
    expect((error as ECSServiceException).message).toBe(message);
    expect((error as ECSServiceException).$metadata.httpStatusCode).toBe(400);
    expect(await f.teiki.store.collection('ecs.tasks').listAllScopes()).toHaveLength(before.length);
  });

  it.each([
    [{ cpu: 'lots' }, "Invalid 'cpu' setting for task."],
    [
      { cpu: '256', memory: '4096' },
      'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
    ],
  ])('refuses task size overrides %j that Fargate does not offer', async (size, message) => {
    const error = await f.run(family, { overrides: size }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidParameterException');
    expect((error as Error).message).toBe(message);
  });

  it('runs with a task size override Fargate offers, in its units', async () => {
    const task = await f.run(family, { overrides: { cpu: '1 vCPU', memory: '2 GB' } });
    expect([task.cpu, task.memory]).toEqual(['1024', '2048']);
    await f.waitStopped(task.taskArn ?? '');
  });

  it('refuses an inactive revision', async () => {
    const { DeregisterTaskDefinitionCommand } = await import('@aws-sdk/client-ecs');
    const other = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
    await f.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${other}:1` }));
    const error = await f.run(`${other}:1`).catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidParameterException');
    expect((error as Error).message).toBe('TaskDefinition is inactive');
  });
});

describe('RunTask tags', () => {
  it('adds ECS’s managed aws:ecs:clusterName tag with enableECSManagedTags, after propagated and given ones', async () => {
    const { DescribeTasksCommand, ListTagsForResourceCommand, TagResourceCommand } =
      await import('@aws-sdk/client-ecs');
    const family = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
    const definitionArn = `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`;
    await f.ecs.send(
      new TagResourceCommand({ resourceArn: definitionArn, tags: [{ key: 'team', value: 'ops' }] }),
    );
    const task = await f.run(family, {
      enableECSManagedTags: true,
      propagateTags: 'TASK_DEFINITION',
      tags: [{ key: 'run', value: 'nightly' }],
    });
    const expected = [
      { key: 'team', value: 'ops' },
      { key: 'run', value: 'nightly' },
      { key: 'aws:ecs:clusterName', value: 'default' },
    ];
    expect(task.tags).toEqual(expected);
    const described = await f.ecs.send(
      new DescribeTasksCommand({
        cluster: 'default',
        tasks: [task.taskArn ?? ''],
        include: ['TAGS'],
      }),
    );
    expect(described.tasks?.[0]?.tags).toEqual(expected);
    const listed = await f.ecs.send(new ListTagsForResourceCommand({ resourceArn: task.taskArn }));
    expect(listed.tags).toEqual(expected);
    const plain = await f.run(family, { tags: [{ key: 'run', value: 'nightly' }] });
    expect(plain.tags).toEqual([{ key: 'run', value: 'nightly' }]);
    await f.waitStopped(task.taskArn ?? '');
    await f.waitStopped(plain.taskArn ?? '');
  });
});
