import { describe, expect, it } from 'vitest';
import { compileEventPattern } from '../../../src/engine/event-pattern/index.js';

/** The pattern of issue 7: log every task whose essential container failed. */
const FAILED_TASKS = JSON.stringify({
  source: ['aws.ecs'],
  'detail-type': ['ECS Task State Change'],
  detail: {
    lastStatus: ['STOPPED'],
    stopCode: ['EssentialContainerExited'],
    containers: { exitCode: [{ 'anything-but': 0 }] },
  },
});

const ACCOUNT = '111122223333';
const CLUSTER = `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/sample`;
const TASK = `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task/sample/c13b4cb40f1f4fe4a2971f76ae5a47ad`;

interface Container {
  name: string;
  lastStatus: string;
  exitCode?: number | null;
  reason?: string;
}

/** An "ECS Task State Change" event shaped as ECS sends it to EventBridge. */
function taskEvent(detail: { lastStatus: string; stopCode?: string; containers: Container[] }) {
  return {
    version: '0',
    id: '3317b2af-7005-947d-b652-f55e762e571a',
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: ACCOUNT,
    time: '2024-05-01T02:20:31Z',
    region: 'ap-northeast-1',
    resources: [TASK],
    detail: {
      attachments: [
        {
          id: '1789bcae-ddfb-4d10-8ebe-8ac87ddba5b8',
          type: 'eni',
          status: 'DELETED',
          details: [
            { name: 'subnetId', value: 'subnet-abcd1234' },
            { name: 'privateIPv4Address', value: '10.0.0.139' },
          ],
        },
      ],
      availabilityZone: 'ap-northeast-1a',
      clusterArn: CLUSTER,
      containers: detail.containers.map((c) => ({
        containerArn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:container/sample/${c.name}`,
        image: `${ACCOUNT}.dkr.ecr.ap-northeast-1.amazonaws.com/app:latest`,
        taskArn: TASK,
        networkInterfaces: [{ attachmentId: '1789bcae', privateIpv4Address: '10.0.0.139' }],
        cpu: '0',
        ...c,
      })),
      cpu: '256',
      memory: '512',
      createdAt: '2024-05-01T02:20:01.402Z',
      desiredStatus: 'STOPPED',
      group: 'family:scheduler',
      launchType: 'FARGATE',
      lastStatus: detail.lastStatus,
      ...(detail.stopCode ? { stopCode: detail.stopCode } : {}),
      stoppedReason: 'Essential container in task exited',
      overrides: {
        containerOverrides: [{ name: 'app', command: ['php', 'artisan', 'sample:logger'] }],
      },
      startedBy: 'events-rule/sample',
      taskArn: TASK,
      taskDefinitionArn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/scheduler:1`,
      platformVersion: '1.4.0',
      version: 5,
    },
  };
}

describe('the failed-task pattern against ECS task state changes', () => {
  const pattern = compileEventPattern(FAILED_TASKS);
  const stopped = (containers: Container[], stopCode = 'EssentialContainerExited') =>
    taskEvent({ lastStatus: 'STOPPED', stopCode, containers });

  it.each([
    ['one container exits 1', [{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }], true],
    [
      'one container exits 137 (killed)',
      [{ name: 'app', lastStatus: 'STOPPED', exitCode: 137 }],
      true,
    ],
    ['one container exits 0', [{ name: 'app', lastStatus: 'STOPPED', exitCode: 0 }], false],
    [
      'the sidecar succeeds, the app fails',
      [
        { name: 'sidecar', lastStatus: 'STOPPED', exitCode: 0 },
        { name: 'app', lastStatus: 'STOPPED', exitCode: 2 },
      ],
      true,
    ],
    [
      'every container exits 0',
      [
        { name: 'sidecar', lastStatus: 'STOPPED', exitCode: 0 },
        { name: 'app', lastStatus: 'STOPPED', exitCode: 0 },
      ],
      false,
    ],
    [
      'a container that never ran has no exit code',
      [{ name: 'app', lastStatus: 'STOPPED', reason: 'CannotPullContainerError' }],
      false,
    ],
    // anything-but 0 excludes only the number 0: a null exit code passes, as on AWS.
    ['an exit code of null', [{ name: 'app', lastStatus: 'STOPPED', exitCode: null }], true],
  ] as const)('%s', (_, containers, expected) => {
    expect(pattern.matches(stopped([...containers]))).toBe(expected);
  });

  it('a task stopped for another reason does not match', () => {
    const event = stopped([{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }], 'UserInitiated');
    expect(pattern.matches(event)).toBe(false);
  });

  it('a task stopped without a stop code does not match', () => {
    const event = taskEvent({
      lastStatus: 'STOPPED',
      containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }],
    });
    expect(pattern.matches(event)).toBe(false);
  });

  it.each(['PROVISIONING', 'PENDING', 'RUNNING', 'DEPROVISIONING'])(
    'a task still %s does not match',
    (lastStatus) => {
      const event = taskEvent({
        lastStatus,
        stopCode: 'EssentialContainerExited',
        containers: [{ name: 'app', lastStatus: 'RUNNING' }],
      });
      expect(pattern.matches(event)).toBe(false);
    },
  );

  it('another source or detail type does not match', () => {
    const event = stopped([{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }]);
    expect(pattern.matches({ ...event, source: 'my.app' })).toBe(false);
    expect(
      pattern.matches({ ...event, 'detail-type': 'ECS Container Instance State Change' }),
    ).toBe(false);
  });

  it('exit codes written as strings are not numbers', () => {
    const strings = compileEventPattern(
      '{"source":["aws.ecs"],"detail":{"containers":{"exitCode":["1","2"]}}}',
    );
    expect(strings.matches(stopped([{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }]))).toBe(
      false,
    );
  });

  it('more specific task patterns', () => {
    const event = stopped([{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }]);
    const cases: [unknown, boolean][] = [
      [{ resources: [{ prefix: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task/sample/` }] }, true],
      [{ detail: { clusterArn: [CLUSTER] } }, true],
      [{ detail: { group: [{ prefix: 'family:' }], launchType: ['EC2'] } }, false],
      [{ detail: { startedBy: [{ wildcard: 'events-rule/*' }] } }, true],
      [{ detail: { containers: { name: ['app'], exitCode: [{ numeric: ['>', 0] }] } } }, true],
      [{ detail: { attachments: { details: { value: [{ cidr: '10.0.0.0/24' }] } } } }, true],
      [{ detail: { overrides: { containerOverrides: { command: ['artisan'] } } } }, true],
      [{ detail: { version: [{ numeric: ['>=', 5] }] } }, true],
      [{ detail: { stoppedAt: [{ exists: true }] } }, false],
    ];
    for (const [p, expected] of cases) {
      expect(compileEventPattern(JSON.stringify(p)).matches(event), JSON.stringify(p)).toBe(
        expected,
      );
    }
  });
});

describe('the Scheduled Event envelope', () => {
  const scheduled = {
    version: '0',
    id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: '2024-05-01T02:20:00Z',
    region: 'ap-northeast-1',
    resources: [`arn:aws:events:ap-northeast-1:${ACCOUNT}:rule/sample`],
    detail: {},
  };

  it.each([
    [{ source: ['aws.events'], 'detail-type': ['Scheduled Event'] }, true],
    [
      {
        source: ['aws.events'],
        'detail-type': ['Scheduled Event'],
        resources: [{ suffix: ':rule/sample' }],
      },
      true,
    ],
    [
      {
        source: ['aws.events'],
        resources: [`arn:aws:events:ap-northeast-1:${ACCOUNT}:rule/other`],
      },
      false,
    ],
    [{ time: [{ prefix: '2024-05-01T02:20' }] }, true],
    [{ account: [ACCOUNT], region: ['ap-northeast-1'] }, true],
    [{ account: [Number(ACCOUNT)] }, false],
    [{ detail: { anything: [{ exists: false }] } }, true],
    [{ detail: { anything: [{ exists: true }] } }, false],
    [{ source: ['aws.ecs'] }, false],
    [{ 'detail-type': [{ 'equals-ignore-case': 'scheduled event' }] }, true],
    [{ $or: [{ source: ['aws.ecs'] }, { 'detail-type': ['Scheduled Event'] }] }, true],
  ])('%j', (p, expected) => {
    expect(compileEventPattern(JSON.stringify(p)).matches(scheduled)).toBe(expected);
  });
});
