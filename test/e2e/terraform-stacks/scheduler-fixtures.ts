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
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

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

export const schedulerStack = (): TerraformStack => ({
  name: 'scheduler',
  title: 'a schedule group and an ECS schedule in Asia/Tokyo',
  files: { 'main.tf': STACK },
  afterApply: {
    'the schedule and its group are as written': async ({ outputs, client }) => {
      expect(outputs.schedule_arn?.value).toBe(
        'arn:aws:scheduler:us-east-1:000000000000:schedule/batch-jobs/sample-logger',
      );
      expect(outputs.group_arn?.value).toBe(
        'arn:aws:scheduler:us-east-1:000000000000:schedule-group/batch-jobs',
      );

      const scheduler = client(SchedulerClient);
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
    },
  },
  afterDestroy: {
    'left nothing behind but what a new account has': async ({ client }) => {
      const scheduler = client(SchedulerClient);
      expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
      const groups = (await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups ?? [];
      expect(groups.map((group) => group.Name)).toEqual(['default']);
      const iam = client(IAMClient);
      expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
    },
  },
});
