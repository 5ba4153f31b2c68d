/**
 * The seed's scheduling step through the AWS CLI: the IAM role and policy for
 * EventBridge, the rule `cron(20 2 * * ? *)`, its ECS target with the command override
 * from container-overrides/ecs_scheduled_task.json; then the virtual clock crosses
 * 02:20:00Z and `aws ecs list-tasks --started-by events-rule/…` finds the task.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsJson, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir, virtualClockArgs } from '../helpers/teiki.js';

let teiki: TeikiProcess;
const dir = tempDir();

const aws = (args: string[]): unknown => awsJson(teiki.url, args);

beforeAll(async () => {
  teiki = await spawnTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
});
afterAll(() => {
  teiki.child.kill('SIGTERM');
});

it('fires the rule at 02:20Z and runs the task with the override', async () => {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const family = 'arn:aws:ecs:us-east-1:000000000000:task-definition/scheduler';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', Action: 'ecs:RunTask', Resource: `${family}:*` },
    ],
  };
  writeFileSync(join(dir, 'trust.json'), JSON.stringify(trust));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  writeFileSync(
    join(dir, 'overrides.json'),
    JSON.stringify({
      containerOverrides: [{ name: 'scheduler', command: ['sh', '-c', 'echo sample:logger'] }],
    }),
  );
  aws([
    'iam',
    'create-role',
    '--role-name',
    'EcsEventsRole-sample',
    '--assume-role-policy-document',
    `file://${join(dir, 'trust.json')}`,
  ]);
  const created = aws([
    'iam',
    'create-policy',
    '--policy-name',
    'EcsEventsPolicy-sample',
    '--policy-document',
    `file://${join(dir, 'policy.json')}`,
  ]) as { Policy: { Arn: string } };
  aws([
    'iam',
    'attach-role-policy',
    '--role-name',
    'EcsEventsRole-sample',
    '--policy-arn',
    created.Policy.Arn,
  ]);
  aws(['ecs', 'create-cluster', '--cluster-name', 'scheduler-cluster']);
  aws([
    'ecs',
    'register-task-definition',
    '--family',
    'scheduler',
    '--requires-compatibilities',
    'FARGATE',
    '--network-mode',
    'awsvpc',
    '--cpu',
    '256',
    '--memory',
    '512',
    '--container-definitions',
    JSON.stringify([{ name: 'scheduler', image: 'app:v1', essential: true }]),
  ]);
  const subnets = aws(['ec2', 'describe-subnets']) as { Subnets: Array<{ SubnetId: string }> };
  const rule = aws([
    'events',
    'put-rule',
    '--name',
    'ecs-scheduled-task',
    '--schedule-expression',
    'cron(20 2 * * ? *)',
  ]) as { RuleArn: string };
  expect(rule.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/ecs-scheduled-task');
  const target = {
    Id: 'scheduler-target',
    Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/scheduler-cluster',
    RoleArn: 'arn:aws:iam::000000000000:role/EcsEventsRole-sample',
    Input: JSON.stringify({
      containerOverrides: [{ name: 'scheduler', command: ['sh', '-c', 'echo sample:logger'] }],
    }),
    EcsParameters: {
      TaskDefinitionArn: family,
      TaskCount: 1,
      LaunchType: 'FARGATE',
      PlatformVersion: '1.4.0',
      NetworkConfiguration: {
        awsvpcConfiguration: {
          Subnets: subnets.Subnets.slice(0, 2).map((s) => s.SubnetId),
          AssignPublicIp: 'DISABLED',
        },
      },
    },
  };
  writeFileSync(join(dir, 'targets.json'), JSON.stringify([target]));
  const put = aws([
    'events',
    'put-targets',
    '--rule',
    'ecs-scheduled-task',
    '--targets',
    `file://${join(dir, 'targets.json')}`,
  ]) as { FailedEntryCount: number };
  expect(put.FailedEntryCount).toBe(0);
  const listed = aws(['events', 'list-targets-by-rule', '--rule', 'ecs-scheduled-task']) as {
    Targets: unknown[];
  };
  expect(listed.Targets).toEqual([target]);

  const before = aws([
    'ecs',
    'list-tasks',
    '--cluster',
    'scheduler-cluster',
    '--started-by',
    'events-rule/ecs-scheduled-task',
  ]) as { taskArns: string[] };
  expect(before.taskArns).toEqual([]);
  const moved = await fetch(`${teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ set: '2026-11-28T02:20:00Z' }),
  });
  expect(moved.status).toBe(200);
  const stopped = aws([
    'ecs',
    'list-tasks',
    '--cluster',
    'scheduler-cluster',
    '--started-by',
    'events-rule/ecs-scheduled-task',
    '--desired-status',
    'STOPPED',
  ]) as { taskArns: string[] };
  const running = aws([
    'ecs',
    'list-tasks',
    '--cluster',
    'scheduler-cluster',
    '--started-by',
    'events-rule/ecs-scheduled-task',
  ]) as { taskArns: string[] };
  expect([...stopped.taskArns, ...running.taskArns]).toHaveLength(1);
});
