/**
 * The seed's scheduled task with what a real job needs inside it: an execution role that
 * may read one parameter and one secret, a task role, a rule at 02:20Z firing the task on
 * the virtual clock, and the task's awslogs output to read what it saw.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  waitUntilTasksStopped,
  type ContainerDefinition,
  type Task,
} from '@aws-sdk/client-ecs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import { createRunTaskRole, createTaskRole } from '../helpers/roles.js';
import type { TestTeiki } from '../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const LOG_GROUP = '/ecs/inside';
export const CLUSTER = 'scheduler-cluster';
export interface InsideStack {
  teiki: TestTeiki;
  ecs: ECSClient;
  secretArn: string;
  executionRole: string;
  taskRole: string;
  /** Fires the rule at the next 02:20Z and waits for its task to stop. */
  fireAndWait(day: string): Promise<{ task: Task; taskId: string; lines: string[] }>;
  /** Takes ssm:GetParameters away from the execution role. */
  revokeParameterRead(): Promise<void>;
}

export async function buildInsideStack(
  teiki: TestTeiki,
  container: ContainerDefinition,
  clientKeys: { accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<InsideStack> {
  const config = teiki.clientConfig(clientKeys);
  const iam = new IAMClient(config);
  const ecs = new ECSClient(config);
  const logs = new CloudWatchLogsClient(config);
  await new SSMClient(config).send(
    new PutParameterCommand({ Name: '/app/db-host', Value: 'db.internal', Type: 'String' }),
  );
  const secret = await new SecretsManagerClient(config).send(
    new CreateSecretCommand({
      Name: 'app/credentials',
      SecretString: JSON.stringify({ password: 's3cret-value', user: 'app' }),
    }),
  );
  const secretArn = secret.ARN ?? '';
  const executionRole = await createTaskRole(iam, 'inside-exec', {
    'read-parameter': [
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameters',
        Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/*`,
      },
    ],
    'read-secret': [
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn },
    ],
  });
  const taskRole = await createTaskRole(iam, 'inside-app', {
    'describe-log-groups': [{ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' }],
  });
  await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'scheduler',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: executionRole,
      taskRoleArn: taskRole,
      containerDefinitions: [
        {
          ...container,
          name: 'app',
          essential: true,
          secrets: [
            { name: 'DB_HOST', valueFrom: '/app/db-host' },
            { name: 'DB_PASSWORD', valueFrom: `${secretArn}:password::` },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': LOG_GROUP,
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'ecs',
              'awslogs-create-group': 'true',
            },
          },
        },
      ],
    }),
  );
  const subnets = await new EC2Client(config).send(new DescribeSubnetsCommand({}));
  const eventsRole = await createRunTaskRole(
    iam,
    'inside-events',
    'events.amazonaws.com',
    `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/scheduler:*`,
  );
  const events = new EventBridgeClient(config);
  await events.send(
    new PutRuleCommand({ Name: 'inside-rule', ScheduleExpression: 'cron(20 2 * * ? *)' }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'inside-rule',
      Targets: [
        {
          Id: 'task',
          Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${CLUSTER}`,
          RoleArn: eventsRole,
          EcsParameters: {
            TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/scheduler`,
            LaunchType: 'FARGATE',
            NetworkConfiguration: {
              awsvpcConfiguration: { Subnets: [subnets.Subnets?.[0]?.SubnetId ?? ''] },
            },
          },
        },
      ],
    }),
  );

  return {
    teiki,
    ecs,
    secretArn,
    executionRole,
    taskRole,
    async fireAndWait(day) {
      const moved = await fetch(`${teiki.url}/_teiki/clock`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${config.credentials.accessKeyId}:${config.credentials.secretAccessKey}`).toString('base64')}`,
        },
        body: JSON.stringify({ set: `${day}T02:20:00Z` }),
      });
      expect(moved.status).toBe(200);
      const invocations = (await (
        await fetch(`${teiki.url}/_teiki/invocations`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${config.credentials.accessKeyId}:${config.credentials.secretAccessKey}`).toString('base64')}`,
          },
        })
      ).json()) as {
        invocations: Array<{
          scheduledTime: string;
          outcome: string;
          taskArns: string[];
          error?: unknown;
        }>;
      };
      const fired = invocations.invocations.find((i) => i.scheduledTime === `${day}T02:20:00.000Z`);
      expect(fired, JSON.stringify(invocations)).toMatchObject({ outcome: 'started' });
      const taskArn = fired?.taskArns[0] ?? '';
      await waitUntilTasksStopped(
        { client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
        { cluster: CLUSTER, tasks: [taskArn] },
      );
      const described = await ecs.send(
        new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn] }),
      );
      const task = described.tasks?.[0] as Task;
      const taskId = taskArn.split('/').pop() ?? '';
      let lines: string[] = [];
      if (task.stopCode === 'EssentialContainerExited') {
        const out = await logs.send(
          new GetLogEventsCommand({
            logGroupName: LOG_GROUP,
            logStreamName: `ecs/app/${taskId}`,
            startFromHead: true,
          }),
        );
        lines = (out.events ?? []).map((e) => e.message ?? '');
      }
      return { task, taskId, lines };
    },
    async revokeParameterRead() {
      await iam.send(
        new DeleteRolePolicyCommand({ RoleName: 'inside-exec', PolicyName: 'read-parameter' }),
      );
    },
  };
}

/** A line printed as `KEY=value` by `env`. */
export function variable(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1);
}

/** The JSON document printed on the line after `marker`. */
export function documentAfter(lines: readonly string[], marker: string): unknown {
  const index = lines.indexOf(marker);
  expect(index, `${marker} in ${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  const text = lines[index + 1] ?? 'null';
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${marker} printed no JSON: ${text}`);
  }
}
