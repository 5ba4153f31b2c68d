/**
 * The task's inside under `--auth enforce`: the task's own calls are authorised as its
 * task role's session (an allowed call passes, another is denied naming the session), and
 * the endpoints a task calls without SigV4 take its per-task token instead: without it or
 * with another they answer nothing, from a foreign Host they refuse, once the task stops
 * its tokens are dead, and credentials are renewed as the clock runs toward their expiry.
 */
import { GetLogEventsCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startEnforcingTeiki } from '../services/authorization/helpers.js';
import { httpRequest } from '../helpers/http.js';
import type { TestTeiki } from '../helpers/teiki.js';
import {
  ACCOUNT,
  buildInsideStack,
  CLUSTER,
  LOG_GROUP,
  variable,
  type InsideStack,
} from './task-inside-fixtures.js';

const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample:latest`;
const SCRIPT = [
  'echo "--- allowed"; aws logs describe-log-groups --output json >/dev/null 2>&1 && echo yes || echo no',
  'echo "--- denied"; aws ecs list-clusters 2>&1 | tr "\\n" " "; echo',
].join('\n');

let teiki: TestTeiki;
let stack: InsideStack;
const basic = `Basic ${Buffer.from(`${ROOT.accessKeyId}:${ROOT.secretAccessKey}`).toString('base64')}`;

beforeAll(async () => {
  teiki = await startEnforcingTeiki([
    '--clock',
    'virtual',
    '--clock-start',
    '2026-11-28T00:00:00Z',
  ]);
  stack = await buildInsideStack(teiki, { image: IMAGE, command: ['sh', '-c', SCRIPT] }, ROOT);
}, 60_000);
afterAll(() => teiki?.close());

describe('inside the task under --auth enforce', () => {
  it("authorises the task's calls as its task role's session", async () => {
    const { task, taskId, lines } = await stack.fireAndWait('2026-11-28');
    expect(task.containers?.[0]?.exitCode, lines.join('\n')).toBe(0);
    expect(lines[lines.indexOf('--- allowed') + 1]).toBe('yes');
    expect(lines[lines.indexOf('--- denied') + 1]).toContain(
      `AccessDeniedException) when calling the ListClusters operation: User: arn:aws:sts::${ACCOUNT}:assumed-role/inside-app/${taskId} is not authorized to perform: ecs:ListClusters`,
    );
  });

  describe('the endpoints of a running task', () => {
    let env: string[];
    let taskArn: string;
    const credentialsUrl = () => variable(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') ?? '';
    const token = () => variable(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN') ?? '';
    const fetchCredentials = async (headers: Record<string, string>) => {
      const res = await fetch(credentialsUrl(), { headers });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };

    beforeAll(async () => {
      const config = teiki.clientConfig(ROOT);
      const ecs = stack.ecs;
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'waiter',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          taskRoleArn: stack.taskRole,
          executionRoleArn: stack.executionRole,
          containerDefinitions: [
            {
              name: 'app',
              image: IMAGE,
              command: ['sh', '-c', 'env; echo ready; exec sleep 60'],
              logConfiguration: {
                logDriver: 'awslogs',
                options: {
                  'awslogs-group': LOG_GROUP,
                  'awslogs-region': 'us-east-1',
                  'awslogs-stream-prefix': 'waiter',
                },
              },
            },
          ],
        }),
      );
      const subnets = await new EC2Client(config).send(new DescribeSubnetsCommand({}));
      const run = await ecs.send(
        new RunTaskCommand({
          cluster: CLUSTER,
          taskDefinition: 'waiter',
          launchType: 'FARGATE',
          networkConfiguration: {
            awsvpcConfiguration: { subnets: [subnets.Subnets?.[0]?.SubnetId ?? ''] },
          },
        }),
      );
      taskArn = run.tasks?.[0]?.taskArn ?? '';
      const logs = new CloudWatchLogsClient(config);
      const stream = `waiter/app/${taskArn.split('/').pop() ?? ''}`;
      // The task prints its environment once it runs: poll its log stream for it.
      for (;;) {
        const out = await logs
          .send(
            new GetLogEventsCommand({
              logGroupName: LOG_GROUP,
              logStreamName: stream,
              startFromHead: true,
            }),
          )
          .catch(() => undefined);
        env = (out?.events ?? []).map((e) => e.message ?? '');
        if (env.includes('ready')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 60_000);

    it('serves the credentials with the token alone, no signature', async () => {
      expect((await fetchCredentials({})).status).toBe(401);
      expect((await fetchCredentials({ authorization: 'f'.repeat(48) })).status).toBe(403);
      const { status, body } = await fetchCredentials({ authorization: token() });
      expect(status).toBe(200);
      expect(body).toMatchObject({ RoleArn: stack.taskRole });
      expect(body.AccessKeyId).toMatch(/^ASIA/);
      const sts = new STSClient(
        teiki.clientConfig({
          accessKeyId: body.AccessKeyId ?? '',
          secretAccessKey: body.SecretAccessKey ?? '',
          sessionToken: body.Token ?? '',
        }),
      );
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
        `arn:aws:sts::${ACCOUNT}:assumed-role/inside-app/${taskArn.split('/').pop() ?? ''}`,
      );
    });

    it('refuses a foreign Host and answers no unknown metadata token', async () => {
      const url = new URL(credentialsUrl());
      const foreign = await httpRequest(url.origin, {
        method: 'GET',
        path: url.pathname,
        headers: { authorization: token(), host: 'attacker.example' },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.text).not.toContain('AccessKeyId');
      const metadata = variable(env, 'ECS_CONTAINER_METADATA_URI_V4') ?? '';
      expect((await fetch(`${metadata}/task`)).status).toBe(200);
      const unknown = await fetch(metadata.replace(/[0-9a-f]{48}$/, '0'.repeat(48)));
      expect(unknown.status).toBe(404);
    });

    it('renews the credentials as the clock runs toward their expiry', async () => {
      const first = (await fetchCredentials({ authorization: token() })).body;
      expect((await fetchCredentials({ authorization: token() })).body.AccessKeyId).toBe(
        first.AccessKeyId,
      );
      const moved = await fetch(`${teiki.url}/_teiki/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic },
        body: JSON.stringify({ advanceSeconds: 5 * 3600 + 45 * 60 }),
      });
      expect(moved.status).toBe(200);
      const renewed = (await fetchCredentials({ authorization: token() })).body;
      expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId);
    });

    it('kills the tokens when the task stops', async () => {
      await stack.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: taskArn }));
      await waitUntilTasksStopped(
        { client: stack.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
        { cluster: CLUSTER, tasks: [taskArn] },
      );
      expect((await fetchCredentials({ authorization: token() })).status).toBe(403);
      const metadata = variable(env, 'ECS_CONTAINER_METADATA_URI_V4') ?? '';
      expect((await fetch(`${metadata}/task`)).status).toBe(404);
    });
  });
});
