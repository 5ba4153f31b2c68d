/**
 * examples/ecs-scheduled-task end to end, as its README tells a user to run it: teiki in
 * its own process on a virtual clock with the example's image mapped to its `app/`
 * directory, then `terraform apply` of the example as shipped, a clean plan, the rule
 * firing at 02:20Z, the task's logs and status, a new image tag taken by the next day's
 * run, the optional service added to the running stack (`run_service = true`, as the
 * README adds it) beside the job, and a destroy that leaves nothing. The
 * `variant = "original"` run shows the article's two mistakes as teiki reports them.
 *
 * Terraform's cost here is its graph walks (each one configures the AWS provider, ~3 s of
 * CPU): the service is added to the stack the default run already applied rather than
 * applied from nothing into a teiki of its own, and each destroy skips its refresh walk
 * (the state is current: a plan or the apply just read everything back). 24 walks, not 30
 * (docs/decisions.md, "Test run").
 */
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  ListTaskDefinitionsCommand,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListPoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { copyConfiguration, TerraformWorkspace } from '../helpers/terraform.js';
import { expectSampleLoggerEvents } from './sample-logger.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/ecs-scheduled-task/', import.meta.url));
const ACCOUNT = '000000000000';
const IMAGE_REPO = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample`;
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/scheduler-cluster`;
const FAMILY_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/scheduler`;
const OVERRIDE = ['sh', 'sample-logger.sh', 'sample:logger'];
/** Terraform against a loaded CI machine can be slow; vitest's 60 s default is tight. */
const TF_TIMEOUT = 180_000;

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
  taskArns: string[];
  error?: { code: string; message: string };
}

/** A started teiki and a copy of the example (so `.terraform` and state stay out of the repo). */
interface Stack {
  teiki: TeikiProcess;
  dir: string;
  workspace: TerraformWorkspace;
  config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
}

async function startStack(): Promise<Stack> {
  const dir = tempDir('teiki-seed-example-');
  copyConfiguration(EXAMPLE, dir);
  const teiki = await spawnTeiki([
    '--in-memory',
    '--clock',
    'virtual',
    '--clock-start',
    '2026-11-28T00:00:00Z',
    '--image-map',
    `${IMAGE_REPO}:*=${join(dir, 'app')}`,
  ]);
  const workspace = TerraformWorkspace.init(dir);
  const config = {
    endpoint: teiki.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  return { teiki, dir, workspace, config };
}

async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  stack.teiki.child.kill('SIGTERM');
  await stack.teiki.exited;
  rmSync(stack.dir, { recursive: true, force: true });
}

/** The example's variables, as a user would put them in terraform.tfvars. */
function setVariables(stack: Stack, variables: Record<string, string>): void {
  const lines = Object.entries({ teiki_endpoint: stack.teiki.url, ...variables }).map(
    ([key, value]) => `${key} = ${JSON.stringify(value)}`,
  );
  writeFileSync(join(stack.dir, 'terraform.tfvars'), `${lines.join('\n')}\n`);
}

async function setClock(stack: Stack, iso: string): Promise<void> {
  const res = await fetch(`${stack.teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ set: iso }),
  });
  expect(res.status).toBe(200);
}

async function invocationAt(stack: Stack, scheduledTime: string): Promise<Invocation> {
  const res = await fetch(`${stack.teiki.url}/_teiki/invocations`);
  const { invocations } = (await res.json()) as { invocations: Invocation[] };
  const found = invocations.filter(
    (inv) => inv.name === 'ecs-scheduled-task' && inv.scheduledTime === scheduledTime,
  );
  expect(found).toHaveLength(1);
  return found[0] as Invocation;
}

/** Runs the rule's 02:20Z instant of `day` and waits for its one task to stop. */
async function runScheduledDay(stack: Stack, day: string) {
  await setClock(stack, `${day}T02:20:00Z`);
  const invocation = await invocationAt(stack, `${day}T02:20:00.000Z`);
  expect(invocation.outcome).toBe('started');
  expect(invocation.taskArns).toHaveLength(1);
  const taskArn = invocation.taskArns[0] as string;
  const ecs = new ECSClient(stack.config);
  await waitUntilTasksStopped(
    { client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
    { cluster: 'scheduler-cluster', tasks: [taskArn] },
  );
  const described = await ecs.send(
    new DescribeTasksCommand({ cluster: 'scheduler-cluster', tasks: [taskArn] }),
  );
  const task = described.tasks?.[0];
  return { taskArn, taskId: taskArn.split('/').pop() as string, task };
}

async function assertNothingLeft(stack: Stack): Promise<void> {
  const { config } = stack;
  const clusters = await new ECSClient(config).send(
    new DescribeClustersCommand({ clusters: ['scheduler-cluster'] }),
  );
  for (const cluster of clusters.clusters ?? []) expect(cluster.status).toBe('INACTIVE');
  const active = await new ECSClient(config).send(
    new ListTaskDefinitionsCommand({ familyPrefix: 'scheduler', status: 'ACTIVE' }),
  );
  expect(active.taskDefinitionArns).toEqual([]);
  expect((await new EventBridgeClient(config).send(new ListRulesCommand({}))).Rules).toEqual([]);
  const iam = new IAMClient(config);
  expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
  expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
  const groups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({}));
  expect(groups.logGroups).toEqual([]);
  const vpcs = await new EC2Client(config).send(new DescribeVpcsCommand({}));
  expect(vpcs.Vpcs?.map((vpc) => vpc.IsDefault)).toEqual([true]);
}

describe(
  'examples/ecs-scheduled-task, corrected files (the default)',
  { timeout: TF_TIMEOUT },
  () => {
    let stack: Stack;
    let firstTaskId = '';
    beforeAll(async () => {
      stack = await startStack();
      setVariables(stack, {});
    }, TF_TIMEOUT);
    afterAll(() => stopStack(stack));

    it('applies as shipped and a second plan shows no drift', async () => {
      await stack.workspace.applyAsync();
      const outputs = stack.workspace.output();
      expect(outputs.cluster_arn?.value).toBe(CLUSTER_ARN);
      expect(outputs.task_definition_arn?.value).toBe(`${FAMILY_ARN}:1`);
      expect(outputs.image?.value).toBe(`${IMAGE_REPO}:v1`);
      const plan = await stack.workspace.planAsync();
      expect(plan.stdout + plan.stderr).toContain('No changes.');
      expect(plan.status).toBe(0);
    });

    it('runs the task at 02:20Z with the command override; it stops with exit 0', async () => {
      const { task, taskId } = await runScheduledDay(stack, '2026-11-28');
      firstTaskId = taskId;
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        clusterArn: CLUSTER_ARN,
        taskDefinitionArn: `${FAMILY_ARN}:1`,
        startedBy: 'events-rule/ecs-scheduled-task',
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        stopCode: 'EssentialContainerExited',
        overrides: { containerOverrides: [{ name: 'logger', command: OVERRIDE }] },
      });
      expect(task?.containers?.map((c) => [c.name, c.image, c.exitCode])).toEqual([
        ['logger', `${IMAGE_REPO}:v1`, 0],
      ]);
    });

    it('logs to /ecs-scheduler under scheduler/logger/TASK_ID, the trace as one event', async () => {
      const events = await new CloudWatchLogsClient(stack.config).send(
        new GetLogEventsCommand({
          logGroupName: '/ecs-scheduler',
          logStreamName: `scheduler/logger/${firstTaskId}`,
          startFromHead: true,
        }),
      );
      const messages = events.events?.map((event) => event.message ?? '') ?? [];
      expectSampleLoggerEvents(messages);
      for (const event of events.events ?? []) {
        expect(event.timestamp).toBe(Date.parse('2026-11-28T02:20:00Z'));
      }
    });

    it('a new image tag registers revision 2, which the next day runs', async () => {
      setVariables(stack, { image_tag: 'v2' });
      await stack.workspace.applyAsync();
      expect(stack.workspace.output().task_definition_arn?.value).toBe(`${FAMILY_ARN}:2`);
      expect((await stack.workspace.planAsync()).status).toBe(0);

      const { task } = await runScheduledDay(stack, '2026-11-29');
      expect(task?.taskDefinitionArn).toBe(`${FAMILY_ARN}:2`);
      expect(task?.containers?.map((c) => [c.image, c.exitCode])).toEqual([
        [`${IMAGE_REPO}:v2`, 0],
      ]);
    });

    describe('with its optional service added (run_service = true)', () => {
      it("applies once the service's two tasks run beside the scheduled task; no drift", async () => {
        // `terraform apply -var run_service=true` on the running stack, as the README adds
        // the service; the image tag stays the one applied last.
        setVariables(stack, { image_tag: 'v2', run_service: 'true' });
        await stack.workspace.applyAsync();
        const outputs = stack.workspace.output();
        expect(outputs.service_arn?.value).toBe(
          `arn:aws:ecs:us-east-1:${ACCOUNT}:service/scheduler-cluster/web`,
        );
        const ecs = new ECSClient(stack.config);
        const out = await ecs.send(
          new DescribeServicesCommand({ cluster: 'scheduler-cluster', services: ['web'] }),
        );
        expect(out.services?.[0]).toMatchObject({
          status: 'ACTIVE',
          desiredCount: 2,
          runningCount: 2,
          taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`,
        });
        const arns = (
          await ecs.send(new ListTasksCommand({ cluster: 'scheduler-cluster', serviceName: 'web' }))
        ).taskArns;
        expect(arns).toHaveLength(2);
        expect((await stack.workspace.planAsync()).status).toBe(0);
      });

      it('the scheduled task still runs at 02:20Z', async () => {
        const { task } = await runScheduledDay(stack, '2026-11-30');
        expect(task).toMatchObject({
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
        });
      });
    });

    it('destroys to nothing, the service with it', async () => {
      // The plan just read every resource back: the refresh walk would read the same.
      await stack.workspace.destroyAsync({ refresh: false });
      await assertNothingLeft(stack);
    });
  },
);

describe(
  'examples/ecs-scheduled-task, the article\'s original files (variant = "original")',
  { timeout: TF_TIMEOUT },
  () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
      setVariables(stack, { variant: 'original' });
    }, TF_TIMEOUT);
    afterAll(() => stopStack(stack));

    it('apply fails: the execution "policy" is a trust policy', async () => {
      const run = await stack.workspace.runAsync([
        'apply',
        '-auto-approve',
        '-input=false',
        '-no-color',
      ]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /Error: creating IAM Policy \(EcsTaskExecutionPolicy-sample\): .*StatusCode: 400, .*MalformedPolicyDocument: Policy document should not specify a principal\./,
      );
      expect(run.stderr).toContain('with aws_iam_policy.ecs_scheduler_task_execution');
    });

    it('the rule still fires at 02:20Z, and RunTask is denied for the revision-less policy', async () => {
      await setClock(stack, '2026-11-28T02:20:00Z');
      const invocation = await invocationAt(stack, '2026-11-28T02:20:00.000Z');
      expect(invocation).toMatchObject({
        outcome: 'failed',
        taskArns: [],
        error: {
          code: 'AccessDeniedException',
          message:
            `role EcsEventsRole-sample may not ecs:RunTask on ${FAMILY_ARN}:1: its policy allows ` +
            `${FAMILY_ARN} (no revision), which ECS has not accepted since March 2024; ` +
            'name the revision or end the ARN with :*',
        },
      });
    });

    it('destroys what the failed apply made, to nothing', async () => {
      // The failed apply wrote the state of the 12 resources it made: it is current.
      await stack.workspace.destroyAsync({ refresh: false });
      await assertNothingLeft(stack);
    });
  },
);
