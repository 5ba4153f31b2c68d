/**
 * The seed's task definition through the AWS CLI: register its scheduler.json (the
 * placeholders filled), run it with a command override that prints timestamped lines and
 * a multi-line stack trace and exits 3, wait with `aws ecs wait tasks-stopped`, then read
 * the task and its log events as a user would.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsJson, awsWait, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

let teiki: TeikiProcess;
const dir = tempDir();

const aws = (args: string[]): unknown => awsJson(teiki.url, args);

/**
 * The article's task-definitions/scheduler.json with its placeholders filled, less its
 * `"memory": null`: Terraform drops nulls, but the AWS CLI refuses them before sending.
 */
const SCHEDULER_JSON = `[
  {
    "name": "scheduler",
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sample-app:latest",
    "cpu": 128,
    "memoryReservation": 128,
    "logConfiguration": {
      "logDriver": "awslogs",
      "options": {
        "awslogs-group": "/ecs-scheduler",
        "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "scheduler",
        "awslogs-datetime-format": "%Y-%m-%d %H:%M:%S"
      }
    }
  }
]`;

const SCRIPT = [
  'echo "2026-11-28 02:20:00 [info] sample:logger started"',
  'echo "2026-11-28 02:20:01 [error] something failed"',
  'echo "Traceback (most recent call last):"',
  'echo "  File \\"app.py\\", line 3, in <module>"',
  'echo "ValueError: boom"',
  'echo "2026-11-28 02:20:02 [info] sample:logger finished"',
  'exit 3',
].join('; ');

interface Task {
  taskArn: string;
  lastStatus: string;
  stopCode: string;
  stoppedReason: string;
  containers: Array<{ name: string; exitCode: number }>;
}

beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
});
afterAll(() => {
  teiki.child.kill('SIGTERM');
});

describe("the seed's scheduled task through the AWS CLI", () => {
  let task: Task;

  beforeAll(async () => {
    writeFileSync(join(dir, 'scheduler.json'), SCHEDULER_JSON);
    writeFileSync(
      join(dir, 'overrides.json'),
      JSON.stringify({
        containerOverrides: [{ name: 'scheduler', command: ['sh', '-c', SCRIPT] }],
      }),
    );
    aws(['logs', 'create-log-group', '--log-group-name', '/ecs-scheduler']);
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
      '--execution-role-arn',
      'arn:aws:iam::000000000000:role/ecs-task-execution',
      '--container-definitions',
      `file://${join(dir, 'scheduler.json')}`,
    ]);
    const subnets = aws(['ec2', 'describe-subnets']) as { Subnets: Array<{ SubnetId: string }> };
    const run = aws([
      'ecs',
      'run-task',
      '--cluster',
      'scheduler-cluster',
      '--task-definition',
      'scheduler',
      '--launch-type',
      'FARGATE',
      '--platform-version',
      '1.4.0',
      '--network-configuration',
      `awsvpcConfiguration={subnets=[${subnets.Subnets[0]?.SubnetId ?? ''}],assignPublicIp=DISABLED}`,
      '--overrides',
      `file://${join(dir, 'overrides.json')}`,
    ]) as { tasks: Task[] };
    const arn = run.tasks[0]?.taskArn ?? '';
    await awsWait(teiki.url, [
      'ecs',
      'wait',
      'tasks-stopped',
      '--cluster',
      'scheduler-cluster',
      '--tasks',
      arn,
    ]);
    const described = aws([
      'ecs',
      'describe-tasks',
      '--cluster',
      'scheduler-cluster',
      '--tasks',
      arn,
    ]) as { tasks: Task[] };
    task = described.tasks[0] as Task;
  }, 120_000);

  it('stopped with exit code 3 because its essential container exited', () => {
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.stopCode).toBe('EssentialContainerExited');
    expect(task.stoppedReason).toBe('Essential container in task exited');
    expect(task.containers).toEqual([expect.objectContaining({ name: 'scheduler', exitCode: 3 })]);
  });

  it('grouped its output by awslogs-datetime-format in scheduler/CONTAINER/TASK_ID', () => {
    const taskId = task.taskArn.split('/').pop() ?? '';
    const out = aws([
      'logs',
      'get-log-events',
      '--log-group-name',
      '/ecs-scheduler',
      '--log-stream-name',
      `scheduler/scheduler/${taskId}`,
      '--start-from-head',
    ]) as { events: Array<{ message: string }> };
    // As Docker's awslogs driver, multi-line mode keeps each line's newline.
    expect(out.events.map((e) => e.message)).toEqual([
      '2026-11-28 02:20:00 [info] sample:logger started\n',
      [
        '2026-11-28 02:20:01 [error] something failed',
        'Traceback (most recent call last):',
        '  File "app.py", line 3, in <module>',
        'ValueError: boom',
        '',
      ].join('\n'),
      '2026-11-28 02:20:02 [info] sample:logger finished\n',
    ]);
  });
});
