/** A container's output through the awslogs driver with `--runtime docker`. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine } from '../../runtimes/docker/engine-fixtures.js';
import { ECR_IMAGE, startDockerTasks, type DockerTaskFixture } from './docker-fixtures.js';
import { awslogs } from './tasks-fixtures.js';

describeWithEngine('ECS tasks on the docker runtime: logs', () => {
  let f: DockerTaskFixture;
  beforeAll(async () => {
    f = await startDockerTasks();
  });
  afterAll(() => f.close());

  it('groups lines into events by awslogs-datetime-format', async () => {
    // One stream only: stdout and stderr are separate pipes whose relative order no
    // engine (nor Fargate) keeps, so a trace on stderr may land after a later stdout line.
    const script = [
      'echo "2026-03-01 02:20:00 INFO sample:logger started"',
      'echo "2026-03-01 02:20:01 ERROR it broke"',
      'echo "  at App\\\\Console\\\\Commands\\\\SampleLogger->handle()"',
      'echo "  at Illuminate\\\\Container\\\\BoundMethod"',
      'echo "2026-03-01 02:20:02 INFO done"',
    ].join('; ');
    const config = awslogs();
    const family = await f.register([
      {
        name: 'app',
        image: ECR_IMAGE,
        command: ['sh', '-c', script],
        logConfiguration: {
          ...config,
          options: { ...config.options, 'awslogs-datetime-format': '%Y-%m-%d %H:%M:%S' },
        },
      },
    ]);
    const task = await f.run(family);
    await f.waitStopped(task.taskArn ?? '');
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual([
      '2026-03-01 02:20:00 INFO sample:logger started\n',
      '2026-03-01 02:20:01 ERROR it broke\n' +
        '  at App\\Console\\Commands\\SampleLogger->handle()\n' +
        '  at Illuminate\\Container\\BoundMethod\n',
      '2026-03-01 02:20:02 INFO done\n',
    ]);
  });

  it('delivers every line of a long burst, in order', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: ECR_IMAGE,
        command: ['sh', '-c', 'i=1; while [ $i -le 3000 ]; do echo "line $i"; i=$((i+1)); done'],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    await f.waitStopped(task.taskArn ?? '');
    const lines: string[] = [];
    let token: string | undefined;
    const taskId = task.taskArn?.split('/').pop() ?? '';
    const { GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
    for (;;) {
      const page = await f.logs.send(
        new GetLogEventsCommand({
          logGroupName: '/teiki-tests',
          logStreamName: `test/app/${taskId}`,
          startFromHead: true,
          ...(token ? { nextToken: token } : {}),
        }),
      );
      lines.push(...(page.events ?? []).map((e) => e.message ?? ''));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    expect(lines).toHaveLength(3000);
    expect(lines[0]).toBe('line 1');
    expect(lines[2999]).toBe('line 3000');
    expect(lines.every((line, i) => line === `line ${i + 1}`)).toBe(true);
  });
});
