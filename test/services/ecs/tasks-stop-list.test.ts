/** StopTask, DescribeTasks and ListTasks through the SDK, with real host processes. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  StopTaskCommand,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awslogs, startTaskFixture, type TaskFixture } from './tasks-fixtures.js';

let f: TaskFixture;
beforeAll(async () => {
  f = await startTaskFixture();
});
afterAll(() => f.close());

const LOOP = 'while :; do sleep 0.05; done';

/** Waits (by polling DescribeTasks) until the task is RUNNING. */
async function running(taskArn: string) {
  const cluster = taskArn.split('/')[1];
  for (;;) {
    const out = await f.ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
    if (out.tasks?.[0]?.lastStatus === 'RUNNING') return out.tasks[0];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('StopTask', () => {
  it('sends SIGTERM; a process that traps it exits as it likes', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: 'x',
        command: ['sh', '-c', `trap 'echo got TERM; exit 0' TERM; echo ready; ${LOOP}`],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    await running(task.taskArn ?? '');
    const out = await f.ecs.send(
      new StopTaskCommand({ task: task.taskArn ?? '', reason: 'enough for today' }),
    );
    expect(out.task).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'enough for today',
    });
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped).toMatchObject({ stopCode: 'UserInitiated', stoppedReason: 'enough for today' });
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual(['ready', 'got TERM']);
  });

  it("sends SIGKILL after the container's stopTimeout", async () => {
    const family = await f.register([
      { name: 'app', image: 'x', stopTimeout: 1, command: ['sh', '-c', `trap '' TERM; ${LOOP}`] },
    ]);
    const task = await f.run(family);
    await running(task.taskArn ?? '');
    const taskId = task.taskArn?.split('/').pop() ?? '';
    await f.ecs.send(new StopTaskCommand({ task: taskId }));
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped.containers?.[0]?.exitCode).toBe(137);
    expect(stopped.stoppedReason).toBe('Task stopped by user');
  });

  it('refuses a task it does not know', async () => {
    const error = await f.ecs
      .send(new StopTaskCommand({ task: '0123456789abcdef0123456789abcdef' }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidParameterException');
    expect((error as Error).message).toBe('The referenced task was not found.');
  });

  it('keeps a cluster with a running task from being deleted', async () => {
    await f.ecs.send(new CreateClusterCommand({ clusterName: 'busy' }));
    const family = await f.register([{ name: 'app', image: 'x', command: ['sh', '-c', LOOP] }]);
    const task = await f.run(family, { cluster: 'busy' });
    await running(task.taskArn ?? '');
    const error = await f.ecs
      .send(new DeleteClusterCommand({ cluster: 'busy' }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('ClusterContainsTasksException');
    await f.ecs.send(new StopTaskCommand({ cluster: 'busy', task: task.taskArn ?? '' }));
    await f.waitStopped(task.taskArn ?? '');
    const deleted = await f.ecs.send(new DeleteClusterCommand({ cluster: 'busy' }));
    expect(deleted.cluster?.status).toBe('INACTIVE');
  });
});

describe('DescribeTasks and ListTasks', () => {
  let family: string;
  let otherFamily: string;
  const arns: string[] = [];
  let stoppedArn: string;

  beforeAll(async () => {
    await f.ecs.send(new CreateClusterCommand({ clusterName: 'listing' }));
    family = await f.register([{ name: 'app', image: 'x', command: ['sh', '-c', LOOP] }]);
    otherFamily = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
    const out = await f.ecs.send(
      new (await import('@aws-sdk/client-ecs')).RunTaskCommand({
        cluster: 'listing',
        taskDefinition: family,
        count: 5,
        launchType: 'FARGATE',
        startedBy: 'lister',
        networkConfiguration: { awsvpcConfiguration: { subnets: [f.subnetId] } },
      }),
    );
    arns.push(...(out.tasks ?? []).map((t) => t.taskArn ?? ''));
    const other = await f.run(otherFamily, { cluster: 'listing' });
    stoppedArn = other.taskArn ?? '';
    await f.waitStopped(stoppedArn);
  });

  afterAll(async () => {
    for (const arn of arns)
      await f.ecs.send(new StopTaskCommand({ cluster: 'listing', task: arn }));
    for (const arn of arns) await f.waitStopped(arn);
  });

  it('started five tasks with one RunTask', () => {
    expect(new Set(arns).size).toBe(5);
  });

  it('describes tasks by ARN or id, unknown ones as MISSING failures, tags on request', async () => {
    const id = arns[0]?.split('/').pop() ?? '';
    const out = await f.ecs.send(
      new DescribeTasksCommand({
        cluster: 'listing',
        tasks: [arns[1] ?? '', id, 'ffffffffffffffffffffffffffffffff'],
        include: ['TAGS'],
      }),
    );
    expect(out.tasks?.map((t) => t.taskArn)).toEqual([arns[1], arns[0]]);
    expect(out.tasks?.[0]?.tags).toEqual([]);
    expect(out.failures).toEqual([{ arn: 'ffffffffffffffffffffffffffffffff', reason: 'MISSING' }]);
    const withoutTags = await f.ecs.send(
      new DescribeTasksCommand({ cluster: 'listing', tasks: [id] }),
    );
    expect(withoutTags.tasks?.[0]?.tags).toBeUndefined();
  });

  it('refuses an empty list of tasks and an unknown cluster', async () => {
    const empty = await f.ecs
      .send(new DescribeTasksCommand({ cluster: 'listing', tasks: [] }))
      .catch((e: unknown) => e);
    expect((empty as Error).message).toBe('Tasks cannot be empty.');
    const unknown = await f.ecs
      .send(new DescribeTasksCommand({ cluster: 'ghost', tasks: [arns[0] ?? ''] }))
      .catch((e: unknown) => e);
    expect((unknown as Error).name).toBe('ClusterNotFoundException');
  });

  it('lists running tasks by default, stopped ones when asked', async () => {
    const runningList = await f.ecs.send(new ListTasksCommand({ cluster: 'listing' }));
    expect(new Set(runningList.taskArns)).toEqual(new Set(arns));
    const stoppedList = await f.ecs.send(
      new ListTasksCommand({ cluster: 'listing', desiredStatus: 'STOPPED' }),
    );
    expect(stoppedList.taskArns).toEqual([stoppedArn]);
  });

  it('filters by family, startedBy and launch type', async () => {
    const byFamily = await f.ecs.send(new ListTasksCommand({ cluster: 'listing', family }));
    expect(byFamily.taskArns).toHaveLength(5);
    const byOther = await f.ecs.send(
      new ListTasksCommand({ cluster: 'listing', family: otherFamily }),
    );
    expect(byOther.taskArns).toEqual([]);
    const byStarter = await f.ecs.send(
      new ListTasksCommand({ cluster: 'listing', startedBy: 'lister' }),
    );
    expect(byStarter.taskArns).toHaveLength(5);
    const byLaunchType = await f.ecs.send(
      new ListTasksCommand({ cluster: 'listing', launchType: 'EC2' }),
    );
    expect(byLaunchType.taskArns).toEqual([]);
  });

  it('pages with the SDK paginator', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListTasks(
      { client: f.ecs, pageSize: 2 },
      { cluster: 'listing' },
    )) {
      pages.push(page.taskArns ?? []);
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat())).toEqual(new Set(arns));
  });
});
