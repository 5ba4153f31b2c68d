/** Memory limits and OOM kills, images and StopTask with `--runtime docker`. */
import { StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithEngine } from '../../runtimes/docker/engine-fixtures.js';
import { ECR_IMAGE, startDockerTasks, type DockerTaskFixture } from './docker-fixtures.js';
import { awslogs } from './tasks-fixtures.js';

const OOM = 'OutOfMemoryError: Container killed due to memory usage';

describeWithEngine('ECS tasks on the docker runtime: limits, images, StopTask', () => {
  let f: DockerTaskFixture;
  beforeAll(async () => {
    f = await startDockerTasks();
  });
  afterAll(() => f.close());

  describe('memory', () => {
    it("limits the container to its memory, else to the task's", async () => {
      const family = await f.register(
        [
          {
            name: 'small',
            image: ECR_IMAGE,
            memory: 64,
            essential: false,
            command: ['cat', '/sys/fs/cgroup/memory/memory.limit_in_bytes'],
            logConfiguration: awslogs(),
          },
          {
            name: 'rest',
            image: ECR_IMAGE,
            dependsOn: [{ containerName: 'small', condition: 'COMPLETE' }],
            command: ['cat', '/sys/fs/cgroup/memory/memory.limit_in_bytes'],
            logConfiguration: awslogs(),
          },
        ],
        { cpu: '256', memory: '1024' },
      );
      const task = await f.run(family);
      const stopped = await f.waitStopped(task.taskArn ?? '');
      expect(stopped.containers?.map((c) => c.exitCode)).toEqual([0, 0]);
      expect(await f.logLines('small', task.taskArn ?? '')).toEqual([String(64 * 1024 * 1024)]);
      expect(await f.logLines('rest', task.taskArn ?? '')).toEqual([String(1024 * 1024 * 1024)]);
    });

    it('reports an OOM kill with exit 137 and ECS reason', async () => {
      const family = await f.register([
        {
          name: 'hog',
          image: ECR_IMAGE,
          memory: 16,
          command: ['sh', '-c', 'echo filling; tail /dev/zero'],
          logConfiguration: awslogs(),
        },
      ]);
      const task = await f.run(family);
      const stopped = await f.waitStopped(task.taskArn ?? '');
      expect(stopped).toMatchObject({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
      expect(stopped.containers?.[0]).toMatchObject({ exitCode: 137, reason: OOM });
      expect(await f.logLines('hog', task.taskArn ?? '')).toEqual(['filling']);
    });
  });

  describe('images', () => {
    it('fails the task with CannotPullContainerError when the image cannot be pulled', async () => {
      const image = 'registry.invalid/teiki/missing:v1';
      const family = await f.register([{ name: 'app', image, command: ['true'] }]);
      const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
      expect(stopped.stopCode).toBe('TaskFailedToStart');
      expect(stopped.stoppedReason).toMatch(
        /^CannotPullContainerError: pull image manifest has been retried 1 time\(s\): failed to resolve ref registry\.invalid\/teiki\/missing:v1: .+/,
      );
      expect(stopped.containers?.[0]?.reason).toBe(stopped.stoppedReason);
      expect(stopped.containers?.[0]?.exitCode).toBeUndefined();
    });
  });

  describe('StopTask', () => {
    it('sends SIGTERM, which the container may trap and exit on', async () => {
      const family = await f.register([
        {
          name: 'app',
          image: ECR_IMAGE,
          command: [
            'sh',
            '-c',
            'trap "echo got TERM; exit 0" TERM; echo ready; while true; do sleep 0.1; done',
          ],
          logConfiguration: awslogs(),
        },
      ]);
      const task = await f.run(family);
      await f.change(task.taskArn ?? '', (t) => t.lastStatus === 'RUNNING');
      await f.ecs.send(
        new StopTaskCommand({ task: task.taskArn ?? '', reason: 'enough for today' }),
      );
      const stopped = await f.waitStopped(task.taskArn ?? '');
      expect(stopped).toMatchObject({
        stopCode: 'UserInitiated',
        stoppedReason: 'enough for today',
      });
      expect(stopped.containers?.[0]?.exitCode).toBe(0);
      expect(stopped.containers?.[0]?.reason).toBeUndefined();
      expect(await f.logLines('app', task.taskArn ?? '')).toEqual(['ready', 'got TERM']);
    });

    it('sends SIGKILL after the stop timeout, which is no OOM kill', async () => {
      const family = await f.register([
        {
          name: 'app',
          image: ECR_IMAGE,
          memory: 64,
          stopTimeout: 1,
          command: ['sh', '-c', 'trap "" TERM; while true; do sleep 0.1; done'],
        },
      ]);
      const task = await f.run(family);
      await f.change(task.taskArn ?? '', (t) => t.lastStatus === 'RUNNING');
      await f.ecs.send(new StopTaskCommand({ task: task.taskArn ?? '' }));
      const stopped = await f.waitStopped(task.taskArn ?? '');
      expect(stopped.stoppedReason).toBe('Task stopped by user');
      expect(stopped.containers?.[0]?.exitCode).toBe(137);
      expect(stopped.containers?.[0]?.reason).toBeUndefined();
    });
  });
});
