/**
 * The tasks and task-definitions console API over HTTP: tasks run through the ECS SDK on
 * the process runtime, then read back from `/_teiki/api/…`, including STOPPED tasks that
 * ECS's API no longer shows once the virtual clock has moved past its hour.
 */
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
  TagResourceCommand,
  type ContainerDefinition,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  TaskDefinitionDetail,
  TaskDefinitionsResponse,
  TaskDetail,
  TasksResponse,
} from '../../src/console/shared/api-types.js';
import {
  awslogs,
  LOG_GROUP,
  startTaskFixture,
  type TaskFixture,
} from '../services/ecs/tasks-fixtures.js';
import { virtualClockArgs } from '../helpers/teiki.js';

const CLUSTER = 'console-tasks';
const FAMILY = 'console-api';

let f: TaskFixture;

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${f.teiki.url}/_teiki/api/${path}`);
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, body: (await res.json()) as T };
}

async function ok<T>(path: string): Promise<T> {
  const { status, body } = await api<T>(path);
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}

async function advanceClock(seconds: number): Promise<void> {
  const res = await fetch(`${f.teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(res.status).toBe(200);
}

function container(image: string, command: string[]): ContainerDefinition {
  return { name: 'app', image, essential: true, command, logConfiguration: awslogs('web') };
}

async function register(image: string): Promise<string> {
  const out = await f.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: FAMILY,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        container(image, ['sh', '-c', 'echo hello from the console test; echo oops >&2; exit 3']),
      ],
    }),
  );
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

const idOf = (arn: string | undefined) => (arn ?? '').split('/').pop() ?? '';
/** A task as the SDK read it, as the console's JSON carries it (Dates as ISO strings). */
const asJson = (task: Task) => JSON.parse(JSON.stringify(task)) as Record<string, unknown>;

let first: Task;
let second: Task;

beforeAll(async () => {
  f = await startTaskFixture(virtualClockArgs('2026-03-01T00:00:00Z'));
  await f.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await register('example/app:1');
  first = await f.waitStopped((await f.run(FAMILY, { cluster: CLUSTER })).taskArn ?? '');
  await advanceClock(600);
  const run = await f.run(`${FAMILY}:1`, {
    cluster: CLUSTER,
    startedBy: 'events-rule/nightly',
    overrides: { containerOverrides: [{ name: 'app', command: ['sh', '-c', 'echo second'] }] },
  });
  second = await f.waitStopped(run.taskArn ?? '');
});
afterAll(() => f?.close());

describe('GET /_teiki/api/tasks', () => {
  it('lists every run, newest first, as DescribeTasks gave it, also after ECS forgets them', async () => {
    await advanceClock(2 * 3600);
    const forgotten = await f.ecs.send(
      new DescribeTasksCommand({ cluster: CLUSTER, tasks: [first.taskArn ?? ''] }),
    );
    expect(forgotten.tasks).toEqual([]);

    const page = await ok<TasksResponse>(`tasks?cluster=${CLUSTER}`);
    expect(page.cluster).toBe(CLUSTER);
    expect(page.clusters.map((c) => c.name)).toEqual([CLUSTER]);
    expect(page.counts).toEqual({ running: 0, stopped: 2 });
    expect(page.total).toBe(2);
    expect(page.nextCursor).toBeUndefined();
    expect(page.tasks).toEqual([asJson(second), asJson(first)]);
    expect(page.tasks[0]).toMatchObject({
      lastStatus: 'STOPPED',
      startedBy: 'events-rule/nightly',
      stopCode: 'EssentialContainerExited',
      containers: [expect.objectContaining({ name: 'app', exitCode: 0 })],
    });
    expect(page.tasks[1]).toMatchObject({
      createdAt: '2026-03-01T00:00:00.000Z',
      stoppedReason: 'Essential container in task exited',
      containers: [expect.objectContaining({ name: 'app', exitCode: 3 })],
    });
  });

  it('picks the only cluster when none is named', async () => {
    const page = await ok<TasksResponse>('tasks');
    expect(page.cluster).toBe(CLUSTER);
    expect(page.tasks.map((t) => t.taskArn)).toEqual([second.taskArn, first.taskArn]);
  });

  it('pages by keyset, a page at a time', async () => {
    const one = await ok<TasksResponse>(`tasks?cluster=${CLUSTER}&limit=1`);
    expect(one.tasks.map((t) => t.taskArn)).toEqual([second.taskArn]);
    expect(one.total).toBe(2);
    expect(one.nextCursor).toMatch(/^\d+_[a-f0-9]{32}$/);
    const two = await ok<TasksResponse>(
      `tasks?cluster=${CLUSTER}&limit=1&before=${one.nextCursor}`,
    );
    expect(two.tasks.map((t) => t.taskArn)).toEqual([first.taskArn]);
    expect(two.nextCursor).toBeUndefined();
  });

  it('filters running and stopped tasks', async () => {
    const sleeper = await f.run(FAMILY, {
      cluster: CLUSTER,
      overrides: { containerOverrides: [{ name: 'app', command: ['sh', '-c', 'sleep 30'] }] },
    });
    try {
      await expect
        .poll(
          async () => (await ok<TasksResponse>(`tasks?cluster=${CLUSTER}&status=RUNNING`)).tasks,
        )
        .toEqual([expect.objectContaining({ taskArn: sleeper.taskArn, lastStatus: 'RUNNING' })]);
      const stopped = await ok<TasksResponse>(`tasks?cluster=${CLUSTER}&status=STOPPED`);
      expect(stopped.tasks.map((t) => t.taskArn)).toEqual([second.taskArn, first.taskArn]);
      expect(stopped.counts).toEqual({ running: 1, stopped: 2 });
    } finally {
      await f.ecs.send(
        new StopTaskCommand({ cluster: CLUSTER, task: sleeper.taskArn, reason: 'done' }),
      );
      await f.waitStopped(sleeper.taskArn ?? '');
    }
    const all = await ok<TasksResponse>(`tasks?cluster=${CLUSTER}`);
    expect(all.tasks[0]).toMatchObject({
      taskArn: sleeper.taskArn,
      stopCode: 'UserInitiated',
      stoppedReason: 'done',
    });
  });

  it('answers bad input with 400 and an unknown cluster with 404, as JSON', async () => {
    const cases: [string, number][] = [
      ['tasks?cluster=nope', 404],
      [`tasks?cluster=${CLUSTER}&status=PENDING`, 400],
      [`tasks?cluster=${CLUSTER}&limit=0`, 400],
      [`tasks?cluster=${CLUSTER}&limit=1001`, 400],
      [`tasks?cluster=${CLUSTER}&before=yesterday`, 400],
    ];
    for (const [path, status] of cases) {
      const res = await api<ApiError>(path);
      expect(res.status, path).toBe(status);
      expect(res.body.message, path).toEqual(expect.any(String));
    }
  });

  it('finds a cluster by its ARN, and a deleted one with its runs; another account’s ARN is 404', async () => {
    const byName = await ok<TasksResponse>(`tasks?cluster=${CLUSTER}`);
    const arn = `arn:aws:ecs:us-east-1:000000000000:cluster/${CLUSTER}`;
    const byArn = await ok<TasksResponse>(`tasks?cluster=${encodeURIComponent(arn)}`);
    expect(byArn.cluster).toBe(CLUSTER);
    expect(byArn.tasks).toEqual(byName.tasks);

    const foreign = `arn:aws:ecs:us-east-1:111111111111:cluster/${CLUSTER}`;
    expect((await api<ApiError>(`tasks?cluster=${encodeURIComponent(foreign)}`)).status).toBe(404);

    await f.ecs.send(new CreateClusterCommand({ clusterName: 'gone' }));
    const run = await f.waitStopped((await f.run(FAMILY, { cluster: 'gone' })).taskArn ?? '');
    await f.ecs.send(new DeleteClusterCommand({ cluster: 'gone' }));
    const gone = await ok<TasksResponse>('tasks?cluster=gone');
    expect(gone.cluster).toBe('gone');
    expect(gone.tasks.map((t) => t.taskArn)).toEqual([run.taskArn]);
  });
});

describe('a cluster of 10,000 runs', () => {
  it('pages through every one by keyset, newest first, none twice', async () => {
    await f.ecs.send(new CreateClusterCommand({ clusterName: 'busy' }));
    const tasks = f.teiki.store.collection<Record<string, unknown>>('ecs.tasks');
    const scope = { accountId: '000000000000', region: 'us-east-1' };
    const template = await tasks.get(scope, `${CLUSTER}/${idOf(first.taskArn)}`);
    expect(template).toBeDefined();
    const base = Date.parse('2026-03-01T00:00:00Z');
    // Stored copies of a real run, a minute apart and in an order their ids do not follow.
    for (let i = 0; i < 10_000; i++) {
      const id = ((i * 7919) % 10_000).toString(16).padStart(32, '0');
      const createdAt = base + (i % 5_000) * 60_000;
      await tasks.put(scope, `busy/${id}`, {
        ...template,
        taskArn: `arn:aws:ecs:us-east-1:000000000000:task/busy/${id}`,
        createdAt,
        stoppedAt: createdAt + 1000,
      });
    }
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await ok<TasksResponse>(
        `tasks?cluster=busy&limit=1000${before ? `&before=${before}` : ''}`,
      );
      expect(page.total).toBe(10_000);
      seen.push(...page.tasks.map((t) => `${String(t.createdAt)} ${String(t.taskArn)}`));
      before = page.nextCursor;
      if (!before) break;
    }
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual([...seen].sort().reverse());
  });
});

describe('GET /_teiki/api/task', () => {
  it('gives one old task with its containers, stop reason and log stream', async () => {
    const id = idOf(first.taskArn);
    const detail = await ok<TaskDetail>(`task?cluster=${CLUSTER}&id=${id}`);
    expect(detail.clusterName).toBe(CLUSTER);
    expect(detail.task).toMatchObject({
      taskArn: first.taskArn,
      taskDefinitionArn: first.taskDefinitionArn,
      stopCode: 'EssentialContainerExited',
      tags: [],
      containers: [expect.objectContaining({ exitCode: 3, lastStatus: 'STOPPED' })],
    });
    expect(detail.logStreams).toEqual([
      { container: 'app', group: LOG_GROUP, stream: `web/app/${id}`, region: 'us-east-1' },
    ]);
    expect(detail.logNote).toBeUndefined();
    const events = await f.logs.send(
      new GetLogEventsCommand({
        logGroupName: detail.logStreams[0]?.group,
        logStreamName: detail.logStreams[0]?.stream,
        startFromHead: true,
      }),
    );
    expect(events.events?.map((e) => e.message)).toEqual(['hello from the console test', 'oops']);
  });

  it('finds a task by its ARN alone, with its overrides', async () => {
    const detail = await ok<TaskDetail>(`task?id=${encodeURIComponent(second.taskArn ?? '')}`);
    expect(detail.clusterName).toBe(CLUSTER);
    expect(detail.task.overrides).toMatchObject({
      containerOverrides: [{ name: 'app', command: ['sh', '-c', 'echo second'] }],
    });
  });

  it('answers a missing id with 400 and an unknown task with 404', async () => {
    expect((await api<ApiError>(`task?cluster=${CLUSTER}`)).status).toBe(400);
    expect((await api<ApiError>(`task?id=${idOf(first.taskArn)}`)).status).toBe(400);
    const unknown = await api<ApiError>(`task?cluster=${CLUSTER}&id=${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('NotFound');
    const elsewhere = await api<ApiError>(`task?cluster=default&id=${idOf(first.taskArn)}`);
    expect(elsewhere.status).toBe(404);
  });
});

describe('the task definitions API', () => {
  beforeAll(async () => {
    await register('example/app:2');
    await f.ecs.send(
      new TagResourceCommand({
        resourceArn: `arn:aws:ecs:us-east-1:000000000000:task-definition/${FAMILY}:2`,
        tags: [{ key: 'team', value: 'batch' }],
      }),
    );
    await f.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${FAMILY}:1` }));
  });

  it('lists the family with its revisions and their statuses', async () => {
    const { families } = await ok<TaskDefinitionsResponse>('task-definitions');
    const family = families.find((x) => x.family === FAMILY);
    expect(family).toMatchObject({ status: 'ACTIVE' });
    expect(family?.revisions.map((r) => [r.revision, r.status])).toEqual([
      [1, 'INACTIVE'],
      [2, 'ACTIVE'],
    ]);
    expect(family?.revisions[0]?.deregisteredAt).toEqual(expect.any(String));
    expect(family?.revisions[1]?.arn).toBe(
      `arn:aws:ecs:us-east-1:000000000000:task-definition/${FAMILY}:2`,
    );
  });

  it('gives a revision as DescribeTaskDefinition does, with its tags', async () => {
    const detail = await ok<TaskDefinitionDetail>(`task-definition?family=${FAMILY}&revision=2`);
    const sdk = await f.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: `${FAMILY}:2`, include: ['TAGS'] }),
    );
    expect(detail.taskDefinition).toEqual(JSON.parse(JSON.stringify(sdk.taskDefinition)));
    expect(detail.tags).toEqual([{ key: 'team', value: 'batch' }]);
    expect(detail.taskDefinition).toMatchObject({
      revision: 2,
      containerDefinitions: [expect.objectContaining({ image: 'example/app:2' })],
    });
    const old = await ok<TaskDefinitionDetail>(
      `task-definition?taskDefinition=${encodeURIComponent(first.taskDefinitionArn ?? '')}`,
    );
    expect(old.taskDefinition).toMatchObject({ revision: 1, status: 'INACTIVE' });
  });

  it('answers bad input with 400 JSON', async () => {
    const cases: [string, string][] = [
      ['task-definition', 'BadRequest'],
      [`task-definition?family=${FAMILY}&revision=two`, 'BadRequest'],
      ['task-definition?family=no%20spaces', 'BadRequest'],
      [`task-definition?family=${FAMILY}&revision=99`, 'ClientException'],
    ];
    for (const [path, error] of cases) {
      const res = await api<ApiError>(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error, path).toBe(error);
    }
  });
});
