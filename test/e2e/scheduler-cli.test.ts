/**
 * The seed's job as EventBridge Scheduler writes it, through the AWS CLI: a role Scheduler
 * may assume, then `cron(20 11 * * ? *)` in Asia/Tokyo with the templated ECS target and
 * the command override, read back with get-schedule and list-schedules; an update, a
 * refusal with AWS's exit status and message, and the deletion.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, awsJson, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir, virtualClockArgs } from '../helpers/teiki.js';

let teiki: TeikiProcess;
const dir = tempDir();
const ROLE_ARN = 'arn:aws:iam::000000000000:role/SchedulerEcsRole';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:000000000000:cluster/task-scheduler';
const TASK_DEFINITION = 'arn:aws:ecs:us-east-1:000000000000:task-definition/task-scheduler:1';
const OVERRIDES = JSON.stringify({
  containerOverrides: [{ name: 'task-scheduler', command: ['php', 'artisan', 'sample:logger'] }],
});

const aws = (args: string[]): unknown => awsJson(teiki.url, args);

beforeAll(async () => {
  teiki = await spawnTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
});
afterAll(() => {
  teiki.child.kill('SIGTERM');
});

it("creates the seed's job in Japan time and reads it back", () => {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  const target = {
    Arn: CLUSTER_ARN,
    RoleArn: ROLE_ARN,
    Input: OVERRIDES,
    EcsParameters: {
      TaskDefinitionArn: TASK_DEFINITION,
      TaskCount: 1,
      LaunchType: 'FARGATE',
      NetworkConfiguration: {
        awsvpcConfiguration: { Subnets: ['subnet-0a1b2c3d4e5f60001'], AssignPublicIp: 'DISABLED' },
      },
    },
    RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
  };
  writeFileSync(join(dir, 'trust.json'), JSON.stringify(trust));
  writeFileSync(join(dir, 'target.json'), JSON.stringify(target));
  aws([
    'iam',
    'create-role',
    '--role-name',
    'SchedulerEcsRole',
    '--assume-role-policy-document',
    `file://${join(dir, 'trust.json')}`,
  ]);

  const created = aws([
    'scheduler',
    'create-schedule',
    '--name',
    'sample-logger',
    '--schedule-expression',
    'cron(20 11 * * ? *)',
    '--schedule-expression-timezone',
    'Asia/Tokyo',
    '--flexible-time-window',
    'Mode=OFF',
    '--target',
    `file://${join(dir, 'target.json')}`,
  ]) as { ScheduleArn: string };
  expect(created.ScheduleArn).toBe(
    'arn:aws:scheduler:us-east-1:000000000000:schedule/default/sample-logger',
  );

  const got = aws(['scheduler', 'get-schedule', '--name', 'sample-logger']) as Record<
    string,
    unknown
  >;
  expect(got).toMatchObject({
    Arn: created.ScheduleArn,
    Name: 'sample-logger',
    GroupName: 'default',
    ScheduleExpression: 'cron(20 11 * * ? *)',
    ScheduleExpressionTimezone: 'Asia/Tokyo',
    State: 'ENABLED',
    ActionAfterCompletion: 'NONE',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: target,
  });
  // AWS CLI v1 prints the wire's epoch seconds as they come.
  expect(got.CreationDate).toBe(Date.parse('2026-11-28T00:00:00Z') / 1000);

  const listed = aws(['scheduler', 'list-schedules', '--name-prefix', 'sample']) as {
    Schedules: Array<Record<string, unknown>>;
  };
  expect(listed.Schedules.map((s) => [s.Name, s.State, s.Target])).toEqual([
    ['sample-logger', 'ENABLED', { Arn: CLUSTER_ARN }],
  ]);

  aws([
    'scheduler',
    'update-schedule',
    '--name',
    'sample-logger',
    '--schedule-expression',
    'cron(20 11 * * ? *)',
    '--schedule-expression-timezone',
    'Asia/Tokyo',
    '--flexible-time-window',
    'Mode=FLEXIBLE,MaximumWindowInMinutes=15',
    '--state',
    'DISABLED',
    '--target',
    `file://${join(dir, 'target.json')}`,
  ]);
  const updated = aws(['scheduler', 'get-schedule', '--name', 'sample-logger']) as Record<
    string,
    unknown
  >;
  expect(updated).toMatchObject({
    State: 'DISABLED',
    FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
  });
});

it("answers a bad expression with AWS's error, and deletes the schedule", () => {
  const refused = awsCli(teiki.url, [
    'scheduler',
    'create-schedule',
    '--name',
    'bad',
    '--schedule-expression',
    'cron(20 11 * * *)',
    '--flexible-time-window',
    'Mode=OFF',
    '--target',
    `file://${join(dir, 'target.json')}`,
  ]);
  expect(refused.status).toBe(255);
  expect(refused.stderr).toContain(
    'An error occurred (ValidationException) when calling the CreateSchedule operation: Invalid Schedule Expression cron(20 11 * * *).',
  );

  aws(['scheduler', 'delete-schedule', '--name', 'sample-logger']);
  const missing = awsCli(teiki.url, ['scheduler', 'get-schedule', '--name', 'sample-logger']);
  expect(missing.status).toBe(255);
  expect(missing.stderr).toContain(
    'An error occurred (ResourceNotFoundException) when calling the GetSchedule operation: Schedule sample-logger does not exist.',
  );
});
