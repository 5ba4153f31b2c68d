/** RunTask with `--runtime docker`: real containers, as DescribeTasks and the logs show them. */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithEngine, testEngine } from '../../runtimes/docker/engine-fixtures.js';
import { ECR_IMAGE, startDockerTasks, type DockerTaskFixture } from './docker-fixtures.js';
import { awslogs } from './tasks-fixtures.js';

describeWithEngine('ECS tasks on the docker runtime', () => {
  let f: DockerTaskFixture;
  beforeAll(async () => {
    f = await startDockerTasks();
  });
  afterAll(() => f.close());

  describe('a task that prints and exits 3', () => {
    let family: string;
    let stopped: Awaited<ReturnType<DockerTaskFixture['waitStopped']>>;
    let taskArn: string;

    beforeAll(async () => {
      family = await f.register([
        {
          name: 'app',
          image: ECR_IMAGE,
          command: [
            'sh',
            '-c',
            'echo "hello from $GREETING in $AWS_REGION"; echo oops >&2; exit 3',
          ],
          environment: [{ name: 'GREETING', value: 'a container' }],
          logConfiguration: awslogs(),
        },
      ]);
      taskArn = (await f.run(family)).taskArn ?? '';
      stopped = await f.waitStopped(taskArn);
    });

    it('stops with the exit code and ECS reason', () => {
      expect(stopped).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
      expect(stopped.containers?.[0]).toMatchObject({
        name: 'app',
        image: ECR_IMAGE,
        lastStatus: 'STOPPED',
        exitCode: 3,
      });
      expect(stopped.containers?.[0]?.reason).toBeUndefined();
    });

    it('names the engine container and the image digest', () => {
      expect(stopped.containers?.[0]?.runtimeId).toMatch(/^[0-9a-f]{64}$/);
      expect(stopped.containers?.[0]?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('removes the container once the task has stopped', async () => {
      const engine = testEngine();
      try {
        expect(
          await engine.inspectContainer(stopped.containers?.[0]?.runtimeId ?? ''),
        ).toBeUndefined();
      } finally {
        engine.close();
      }
    });

    it('keeps the address teiki gave the task from its subnet', async () => {
      const ec2 = new EC2Client(f.teiki.clientConfig());
      const subnet = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [f.subnetId] })))
        .Subnets?.[0];
      const address = stopped.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address ?? '';
      const [base] = (subnet?.CidrBlock ?? '').split('/');
      expect(address.split('.').slice(0, 2)).toEqual((base ?? '').split('.').slice(0, 2));
    });

    it('writes stdout and stderr to the awslogs stream', async () => {
      expect(await f.logLines('app', taskArn)).toEqual([
        'hello from a container in us-east-1',
        'oops',
      ]);
    });
  });

  it('applies command and environment overrides', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: ECR_IMAGE,
        command: ['sh', '-c', 'echo definition'],
        environment: [{ name: 'WHO', value: 'definition' }],
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family, {
      overrides: {
        containerOverrides: [
          {
            name: 'app',
            command: ['sh', '-c', 'echo "override for $WHO and $EXTRA"; exit 0'],
            environment: [
              { name: 'WHO', value: 'override' },
              { name: 'EXTRA', value: 'more' },
            ],
          },
        ],
      },
    });
    const stopped = await f.waitStopped(task.taskArn ?? '');
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual(['override for override and more']);
  });

  it('runs the entry point with the command and the working directory', async () => {
    const family = await f.register([
      {
        name: 'app',
        image: ECR_IMAGE,
        entryPoint: ['sh', '-c'],
        command: ['pwd; id -u'],
        workingDirectory: '/tmp',
        user: '65534',
        logConfiguration: awslogs(),
      },
    ]);
    const task = await f.run(family);
    await f.waitStopped(task.taskArn ?? '');
    expect(await f.logLines('app', task.taskArn ?? '')).toEqual(['/tmp', '65534']);
  });

  it('stops the task when the essential container exits, whatever the others do', async () => {
    const family = await f.register([
      { name: 'main', image: ECR_IMAGE, command: ['sh', '-c', 'exit 0'] },
      {
        name: 'sidecar',
        image: ECR_IMAGE,
        essential: false,
        command: ['sleep', '300'],
        stopTimeout: 1,
      },
    ]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    const byName = Object.fromEntries((stopped.containers ?? []).map((c) => [c.name, c.exitCode]));
    // sleep as the container's init ignores SIGTERM, so the stop ends in SIGKILL.
    expect(byName).toEqual({ main: 0, sidecar: 137 });
    expect(stopped.stopCode).toBe('EssentialContainerExited');
  });

  it('fails a container whose command is not in the image as Fargate does', async () => {
    const family = await f.register([
      { name: 'app', image: ECR_IMAGE, command: ['no-such-program'] },
    ]);
    const stopped = await f.waitStopped((await f.run(family)).taskArn ?? '');
    const reason =
      'CannotStartContainerError: ResourceInitializationError: failed to create new container ' +
      'runtime task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
      'unable to start container process: exec: "no-such-program": executable file not found in $PATH: unknown';
    expect(stopped).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: reason });
    expect(stopped.containers?.[0]).toMatchObject({ lastStatus: 'STOPPED', reason });
  });
});
