/**
 * A teiki with the process runtime, a Fargate task definition family per test, and
 * helpers to run a task and wait for it to stop, through the ECS SDK.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  waitUntilTasksStopped,
  type ContainerDefinition,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

export interface TaskFixture {
  teiki: TestTeiki;
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
  subnetId: string;
  /** Registers a one-off family (or a revision of `extra.family`). */
  register(
    containers: ContainerDefinition[],
    extra?: { cpu?: string; memory?: string; family?: string; taskRoleArn?: string },
  ): Promise<string>;
  run(taskDefinition: string, extra?: Partial<RunTaskCommandInput>): Promise<Task>;
  waitStopped(taskArn: string): Promise<Task>;
  /** Every message of a container's awslogs stream. */
  logLines(containerName: string, taskArn: string): Promise<string[]>;
  close(): Promise<void>;
}

export const LOG_GROUP = '/teiki-tests';
let families = 0;

export function awslogs(prefix = 'test') {
  return {
    logDriver: 'awslogs' as const,
    options: {
      'awslogs-group': LOG_GROUP,
      'awslogs-region': 'us-east-1',
      'awslogs-stream-prefix': prefix,
      'awslogs-create-group': 'true',
    },
  };
}

export async function startTaskFixture(args?: string[]): Promise<TaskFixture> {
  const teiki = await startTestTeiki(args);
  const ecs = new ECSClient(teiki.clientConfig());
  const logs = new CloudWatchLogsClient(teiki.clientConfig());
  const ec2 = new EC2Client(teiki.clientConfig());
  const subnets = await ec2.send(new DescribeSubnetsCommand({}));
  const subnetId = subnets.Subnets?.[0]?.SubnetId ?? '';
  const fixture: TaskFixture = {
    teiki,
    ecs,
    logs,
    subnetId,
    async register(containers, extra = {}) {
      const family = extra.family ?? `family-${process.pid}-${++families}`;
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family,
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
          ...(extra.taskRoleArn !== undefined ? { taskRoleArn: extra.taskRoleArn } : {}),
          cpu: extra.cpu ?? '256',
          memory: extra.memory ?? '512',
          containerDefinitions: containers,
        }),
      );
      return family;
    },
    async run(taskDefinition, extra = {}) {
      const out = await ecs.send(
        new RunTaskCommand({
          taskDefinition,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
          ...extra,
        }),
      );
      const task = out.tasks?.[0];
      if (!task) throw new Error(`RunTask started nothing: ${JSON.stringify(out.failures)}`);
      return task;
    },
    async waitStopped(taskArn) {
      const cluster = taskArn.split('/')[1];
      await waitUntilTasksStopped(
        { client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
        { cluster, tasks: [taskArn] },
      );
      const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
      const task = out.tasks?.[0];
      if (!task) throw new Error(`task ${taskArn} is not described`);
      return task;
    },
    async logLines(containerName, taskArn) {
      const taskId = taskArn.split('/').pop() ?? '';
      const out = await logs.send(
        new GetLogEventsCommand({
          logGroupName: LOG_GROUP,
          logStreamName: `test/${containerName}/${taskId}`,
          startFromHead: true,
        }),
      );
      return (out.events ?? []).map((e) => e.message ?? '');
    },
    close: () => teiki.close(),
  };
  return fixture;
}
