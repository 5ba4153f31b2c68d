/**
 * `dependsOn` and health checks with `--runtime docker`: the order containers start in is
 * read from the task state changes teiki publishes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine } from '../../runtimes/docker/engine-fixtures.js';
import {
  container,
  ECR_IMAGE,
  startDockerTasks,
  type DockerTaskFixture,
  type EventTask,
} from './docker-fixtures.js';
import { awslogs } from './tasks-fixtures.js';

describeWithEngine('ECS tasks on the docker runtime: dependsOn and health', () => {
  let f: DockerTaskFixture;
  beforeAll(async () => {
    f = await startDockerTasks();
  });
  afterAll(() => f.close());

  /** The task as it was when `name` was first seen RUNNING. */
  const whenRunning = (taskArn: string, name: string): Promise<EventTask> =>
    f.change(taskArn, (t) => container(t, name)?.lastStatus === 'RUNNING');

  it('starts a container after the one it needs COMPLETE, then after SUCCESS', async () => {
    const family = await f.register([
      {
        name: 'migrate',
        image: ECR_IMAGE,
        essential: false,
        command: ['sh', '-c', 'echo migrated'],
        logConfiguration: awslogs(),
      },
      {
        name: 'check',
        image: ECR_IMAGE,
        essential: false,
        dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
        command: ['sh', '-c', 'exit 0'],
      },
      {
        name: 'app',
        image: ECR_IMAGE,
        dependsOn: [
          { containerName: 'migrate', condition: 'COMPLETE' },
          { containerName: 'check', condition: 'SUCCESS' },
        ],
        command: ['sh', '-c', 'echo app'],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    const arn = task.taskArn ?? '';
    const atCheck = await whenRunning(arn, 'check');
    expect(container(atCheck, 'migrate')).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    const atApp = await whenRunning(arn, 'app');
    expect(container(atApp, 'check')).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    const stopped = await f.waitStopped(arn);
    expect(stopped.containers?.map((c) => [c.name, c.exitCode])).toEqual([
      ['migrate', 0],
      ['check', 0],
      ['app', 0],
    ]);
    expect(await f.logLines('app', arn)).toEqual(['app']);
  });

  it('never starts a container whose SUCCESS dependency failed', async () => {
    const family = await f.register([
      { name: 'migrate', image: ECR_IMAGE, essential: false, command: ['sh', '-c', 'exit 4'] },
      {
        name: 'app',
        image: ECR_IMAGE,
        dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
        command: ['sh', '-c', 'echo never'],
      },
    ]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    expect(stopped.containers?.find((c) => c.name === 'migrate')?.exitCode).toBe(4);
    const app = stopped.containers?.find((c) => c.name === 'app');
    expect(app?.exitCode).toBeUndefined();
    expect(app?.runtimeId).toBeUndefined();
  });

  it('starts a container once the one it needs is HEALTHY, and reports health as ECS does', async () => {
    const family = await f.register([
      {
        name: 'db',
        image: ECR_IMAGE,
        essential: false,
        stopTimeout: 1,
        command: ['sleep', '300'],
        healthCheck: {
          // ECS's shortest interval; the first probe runs one interval after the start.
          command: ['CMD-SHELL', 'test -d /tmp'],
          interval: 5,
          timeout: 2,
          retries: 3,
        },
      },
      {
        name: 'app',
        image: ECR_IMAGE,
        dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }],
        command: ['sh', '-c', 'echo db is up'],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    const arn = task.taskArn ?? '';
    const atDb = await whenRunning(arn, 'db');
    expect(container(atDb, 'db')?.healthStatus).toBe('UNKNOWN');
    expect(atDb.healthStatus).toBe('UNKNOWN');
    const atApp = await whenRunning(arn, 'app');
    expect(container(atApp, 'db')?.healthStatus).toBe('HEALTHY');
    const stopped = await f.waitStopped(arn);
    expect(stopped.containers?.find((c) => c.name === 'db')).toMatchObject({
      healthStatus: 'HEALTHY',
      exitCode: 137,
    });
    expect(await f.logLines('app', arn)).toEqual(['db is up']);
  });
});
