/**
 * ECS services through the AWS CLI, on both runtimes (the built teiki, as users run it):
 * three tasks and `aws ecs wait services-stable`; a stopped task replaced; a rolling update
 * to revision 2 at 50% / 200% whose running count, sampled throughout and rebuilt from
 * the tasks' own startedAt/stoppingAt, never drops below 2; a revision that exits at once rolled back by the circuit breaker; delete refused
 * while scaled, then forced, and `aws ecs wait services-inactive`.
 *
 * The docker half needs a Docker Engine API at DOCKER_HOST (Podman's service, as
 * `.ci/run` starts it) and TEIKI_TEST_IMAGE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsJson, awsWait, spawnTeiki, type TeikiProcess } from '../helpers/process.js';

interface Service {
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: Array<{ id: string; rolloutState: string }>;
  events: Array<{ message: string }>;
}

const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest';
const RUNTIMES = [
  { runtime: 'process', args: ['--in-memory'] },
  {
    runtime: 'docker',
    args: [
      '--in-memory',
      '--runtime',
      'docker',
      '--docker-network',
      'none',
      '--image-map',
      `${ECR_IMAGE}=${process.env.TEIKI_TEST_IMAGE ?? 'localhost/teiki-busybox:test'}`,
    ],
  },
];

describe.each(RUNTIMES)('services through the AWS CLI, $runtime runtime', ({ args }) => {
  let teiki: TeikiProcess;
  const aws = (command: string[]) => awsJson(teiki.url, command);
  const describeService = () =>
    (
      aws(['ecs', 'describe-services', '--cluster', 'shop', '--services', 'web']) as {
        services: Service[];
      }
    ).services[0] as Service;
  /** Polls describe-services; yields between calls so vitest's worker is heard. */
  const until = async (
    done: (s: Service) => boolean,
    each?: (s: Service) => void,
  ): Promise<Service> => {
    for (;;) {
      const service = describeService();
      each?.(service);
      if (done(service)) return service;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const steady = (s: Service) =>
    s.deployments.length === 1 &&
    s.runningCount === s.desiredCount &&
    s.pendingCount === 0 &&
    s.events[0]?.message === '(service web) has reached a steady state.';
  const register = (revision: number, command?: string[]) =>
    aws([
      'ecs',
      'register-task-definition',
      '--family',
      'web',
      '--requires-compatibilities',
      'FARGATE',
      '--network-mode',
      'awsvpc',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--execution-role-arn',
      'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
      '--container-definitions',
      JSON.stringify([
        {
          name: 'app',
          image: ECR_IMAGE,
          essential: true,
          command: command ?? ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
          environment: [{ name: 'REVISION', value: String(revision) }],
        },
      ]),
    ]);
  const tasksOf = (desiredStatus: 'RUNNING' | 'STOPPED') => {
    const arns = (
      aws([
        'ecs',
        'list-tasks',
        '--cluster',
        'shop',
        '--service-name',
        'web',
        '--desired-status',
        desiredStatus,
      ]) as { taskArns: string[] }
    ).taskArns;
    if (arns.length === 0) return [];
    return (
      aws(['ecs', 'describe-tasks', '--cluster', 'shop', '--tasks', ...arns]) as {
        tasks: Array<{
          taskArn: string;
          lastStatus: string;
          taskDefinitionArn: string;
          startedAt?: number | string;
          stoppingAt?: number | string;
          stoppedAt?: number | string;
        }>;
      }
    ).tasks;
  };
  const runningTasks = () => tasksOf('RUNNING');

  beforeAll(async () => {
    teiki = await spawnTeiki(args);
    aws(['ecs', 'create-cluster', '--cluster-name', 'shop']);
    const subnet = (aws(['ec2', 'describe-subnets']) as { Subnets: Array<{ SubnetId: string }> })
      .Subnets[0]?.SubnetId;
    register(1);
    aws([
      'ecs',
      'create-service',
      '--cluster',
      'shop',
      '--service-name',
      'web',
      '--task-definition',
      'web',
      '--desired-count',
      '3',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      `awsvpcConfiguration={subnets=[${subnet ?? ''}]}`,
      '--deployment-configuration',
      JSON.stringify({
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      }),
    ]);
  });
  afterAll(() => {
    teiki.child.kill('SIGTERM');
    return teiki.exited;
  });

  it('runs three tasks: aws ecs wait services-stable', async () => {
    await awsWait(teiki.url, [
      'ecs',
      'wait',
      'services-stable',
      '--cluster',
      'shop',
      '--services',
      'web',
    ]);
    const tasks = runningTasks();
    expect(tasks.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('replaces a task stopped with stop-task', async () => {
    const victim = runningTasks()[0]?.taskArn ?? '';
    aws(['ecs', 'stop-task', '--cluster', 'shop', '--task', victim]);
    await until(
      (s) => steady(s) && s.events.some((e) => e.message.includes('has started 1 tasks')),
    );
    const tasks = runningTasks();
    expect(tasks).toHaveLength(3);
    expect(tasks.map((t) => t.taskArn)).not.toContain(victim);
  });

  it('rolls out revision 2 without dropping below 2 running tasks', async () => {
    register(2);
    const from = Date.now();
    aws([
      'ecs',
      'update-service',
      '--cluster',
      'shop',
      '--service',
      'web',
      '--task-definition',
      'web',
    ]);
    const samples: number[] = [];
    await until(
      (s) => steady(s) && s.taskDefinition.endsWith('web:2'),
      (s) => samples.push(s.runningCount),
    );
    const to = Date.now();
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(2);
    // The samples are as many as the CLI's speed allows; the tasks' own times cover the
    // whole rollout: a task counts from startedAt until the scheduler asked it to stop.
    const running = runningTasks();
    const stopped = tasksOf('STOPPED');
    expect(stopped.filter((t) => /web:1$/.test(t.taskDefinitionArn)).length).toBeGreaterThan(0);
    expect(fewestRunning([...running, ...stopped], from, to)).toBeGreaterThanOrEqual(2);
    for (const task of running) expect(task.taskDefinitionArn).toMatch(/web:2$/);
  });

  it('rolls back a revision whose container exits at once', async () => {
    const completed = describeService().deployments[0]?.id ?? '';
    register(3, ['sh', '-c', 'exit 1']);
    aws([
      'ecs',
      'update-service',
      '--cluster',
      'shop',
      '--service',
      'web',
      '--task-definition',
      'web',
    ]);
    const back = await until(
      (s) =>
        steady(s) &&
        s.events.some(
          (e) => e.message === `(service web) rolling back to deployment ${completed}.`,
        ),
    );
    expect(back.taskDefinition).toMatch(/web:2$/);
    expect(
      back.events.some((e) => e.message.endsWith('deployment failed: tasks failed to start.')),
    ).toBe(true);
  });

  it('refuses to delete the scaled service, then deletes it with --force', async () => {
    const refused = awsCli(teiki.url, [
      'ecs',
      'delete-service',
      '--cluster',
      'shop',
      '--service',
      'web',
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      'An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0.',
    );
    const deleted = aws([
      'ecs',
      'delete-service',
      '--cluster',
      'shop',
      '--service',
      'web',
      '--force',
    ]) as {
      service: Service;
    };
    expect(deleted.service.status).toBe('DRAINING');
    await awsWait(teiki.url, [
      'ecs',
      'wait',
      'services-inactive',
      '--cluster',
      'shop',
      '--services',
      'web',
    ]);
    expect(describeService().status).toBe('INACTIVE');
    expect(
      (
        aws(['ecs', 'list-tasks', '--cluster', 'shop', '--service-name', 'web']) as {
          taskArns: string[];
        }
      ).taskArns,
    ).toEqual([]);
  });
});

/** The CLI's timestamps: epoch seconds (AWS CLI v1) or ISO 8601 (v2), as ms. */
function ms(value: number | string): number {
  return typeof value === 'number' ? value * 1000 : Date.parse(value);
}

/**
 * The fewest tasks running at any instant of [from, to], each running from `startedAt`
 * until `stoppingAt` (or `stoppedAt`) (a start at the instant another is asked to stop counts first: the
 * scheduler stops an old task only once it has seen the new one RUNNING).
 */
function fewestRunning(
  tasks: ReadonlyArray<{
    startedAt?: number | string;
    stoppingAt?: number | string;
    stoppedAt?: number | string;
  }>,
  from: number,
  to: number,
): number {
  const changes: Array<{ at: number; delta: number }> = [];
  for (const task of tasks) {
    if (task.startedAt === undefined) continue;
    changes.push({ at: ms(task.startedAt), delta: 1 });
    const end = task.stoppingAt ?? task.stoppedAt;
    if (end !== undefined) changes.push({ at: ms(end), delta: -1 });
  }
  changes.sort((a, b) => a.at - b.at || b.delta - a.delta);
  let count = 0;
  let fewest = Infinity;
  for (const change of changes) {
    if (change.at > to) break;
    count += change.delta;
    if (change.at >= from) fewest = Math.min(fewest, count);
  }
  // No change inside the window: the count at its start held throughout.
  return Math.min(fewest, count);
}
