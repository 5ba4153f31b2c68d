/**
 * The seed's job as an EventBridge Scheduler schedule, applied with Terraform against
 * teiki: a role Scheduler may assume, a schedule group with tags, and
 * `aws_scheduler_schedule` with the templated ECS target (ecs_parameters with
 * network_configuration), Asia/Tokyo, a 15-minute flexible window and a retry policy. It
 * must apply, show no drift on a second plan, and destroy to nothing.
 */
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import {
  GetScheduleCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

const STACK = `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_security_group" "task" {
  name   = "scheduled-task"
  vpc_id = aws_vpc.main.id
}

resource "aws_iam_role" "scheduler" {
  name = "SchedulerEcsRole-sample"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_scheduler_schedule_group" "jobs" {
  name = "batch-jobs"
  tags = { Team = "platform" }
}

resource "aws_scheduler_schedule" "logger" {
  name       = "sample-logger"
  group_name = aws_scheduler_schedule_group.jobs.name

  schedule_expression          = "cron(20 11 * * ? *)"
  schedule_expression_timezone = "Asia/Tokyo"
  description                  = "php artisan sample:logger, every day at 11:20 in Japan"

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = "arn:aws:ecs:us-east-1:000000000000:cluster/task-scheduler"
    role_arn = aws_iam_role.scheduler.arn
    input = jsonencode({
      containerOverrides = [{
        name    = "task-scheduler"
        command = ["php", "artisan", "sample:logger"]
      }]
    })

    ecs_parameters {
      task_definition_arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/task-scheduler:1"
      launch_type         = "FARGATE"
      platform_version    = "1.4.0"
      task_count          = 1

      network_configuration {
        subnets          = [aws_subnet.private.id]
        security_groups  = [aws_security_group.task.id]
        assign_public_ip = false
      }
    }

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 3
    }
  }
}

output "schedule_arn" { value = aws_scheduler_schedule.logger.arn }
output "group_arn" { value = aws_scheduler_schedule_group.jobs.arn }
`;

let teiki: TeikiProcess;
let dir: string;
let workspace: TerraformWorkspace;
const clientConfig = () => ({
  endpoint: teiki.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

beforeAll(async () => {
  // Terraform runs synchronously, so teiki must be another process (as users run it).
  teiki = await spawnTeiki(['--in-memory']);
  dir = tempDir('teiki-tf-');
  workspace = TerraformWorkspace.create(dir, teiki.url, { 'main.tf': STACK });
});
afterAll(async () => {
  teiki.child.kill('SIGTERM');
  await teiki.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('terraform: a schedule group and an ECS schedule in Asia/Tokyo', () => {
  it('applies, shows no drift, and destroys to nothing', async () => {
    await workspace.applyAsync();
    const outputs = workspace.output();
    expect(outputs.schedule_arn?.value).toBe(
      'arn:aws:scheduler:us-east-1:000000000000:schedule/batch-jobs/sample-logger',
    );
    expect(outputs.group_arn?.value).toBe(
      'arn:aws:scheduler:us-east-1:000000000000:schedule-group/batch-jobs',
    );

    const scheduler = new SchedulerClient(clientConfig());
    const got = await scheduler.send(
      new GetScheduleCommand({ Name: 'sample-logger', GroupName: 'batch-jobs' }),
    );
    expect(got).toMatchObject({
      ScheduleExpression: 'cron(20 11 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: {
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
        EcsParameters: {
          LaunchType: 'FARGATE',
          TaskCount: 1,
          NetworkConfiguration: { awsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
        },
      },
    });
    const tags = await scheduler.send(
      new ListTagsForResourceCommand({ ResourceArn: outputs.group_arn?.value as string }),
    );
    expect(tags.Tags).toEqual([{ Key: 'Team', Value: 'platform' }]);

    const plan = await workspace.planAsync();
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);

    await workspace.destroyAsync();
  }, 300_000);

  it('left nothing behind but what a new account has', async () => {
    const scheduler = new SchedulerClient(clientConfig());
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
    const groups = (await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups ?? [];
    expect(groups.map((group) => group.Name)).toEqual(['default']);
    const iam = new IAMClient(clientConfig());
    expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
  });
});
