/**
 * The seed's example stack on two nodes sharing one PostgreSQL: applied with Terraform
 * through one node, planned clean through the other; the shared clock moved through the
 * second to 02:20Z fires the rule once (on whichever node owns it), and the task and its
 * logs are read through the node that did not run it.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, ECSClient, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { TestCluster } from '../helpers/nodes.js';
import { clientConfig as config } from '../soak/world.js';
import { tempDir } from '../helpers/teiki.js';
import { copyConfiguration, TerraformWorkspace } from '../helpers/terraform.js';
import { expectSampleLoggerEvents } from './sample-logger.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/ecs-scheduled-task/', import.meta.url));
const ACCOUNT = '000000000000';
const IMAGE_REPO = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample`;
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/scheduler-cluster`;

let cluster: TestCluster | undefined;
const dir = tempDir('teiki-nodes-terraform-');
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function pointAt(endpoint: string): void {
  writeFileSync(join(dir, 'terraform.tfvars'), `teiki_endpoint = ${JSON.stringify(endpoint)}\n`);
}

it(
  'applies through one node, plans clean through another, fires once and reads across',
  { timeout: 600_000 },
  async () => {
    copyConfiguration(EXAMPLE, dir);
    cluster = await TestCluster.of(
      ['n1', 'n2'],
      [
        '--clock',
        'virtual',
        '--clock-start',
        '2026-11-28T00:00:00Z',
        '--log-level',
        'error',
        // Every node can run the task: the image is mapped on each.
        '--image-map',
        `${IMAGE_REPO}:*=${join(dir, 'app')}`,
      ],
    );
    const workspace = TerraformWorkspace.init(dir);

    pointAt(cluster.url('n1'));
    workspace.expectOk(
      await workspace.runAsync(['apply', '-auto-approve', '-input=false', '-no-color']),
      'apply',
    );
    pointAt(cluster.url('n2'));
    const plan = await workspace.runAsync([
      'plan',
      '-detailed-exitcode',
      '-input=false',
      '-no-color',
    ]);
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);

    expect(await cluster.moveClock('n2', { set: '2026-11-28T02:20:00Z' })).toMatchObject({
      status: 200,
    });
    const invocations = (await cluster.invocations('n1')).filter(
      (i) => i.name === 'ecs-scheduled-task',
    );
    expect(invocations).toHaveLength(1);
    const invocation = invocations[0]!;
    expect(invocation).toMatchObject({
      outcome: 'started',
      scheduledTime: '2026-11-28T02:20:00.000Z',
    });
    const firedBy = invocation.runnerId?.split('#')[0] as string;
    const other = firedBy === 'n1' ? 'n2' : 'n1';

    const ecs = new ECSClient(config(cluster.url(other)));
    const taskArn = invocation.taskArns[0] as string;
    await waitUntilTasksStopped(
      { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 2 },
      { cluster: CLUSTER_ARN, tasks: [taskArn] },
    );
    const task = (
      await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER_ARN, tasks: [taskArn] }))
    ).tasks?.[0];
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(task?.containers?.[0]?.exitCode).toBe(0);
    const events = await new CloudWatchLogsClient(config(cluster.url(other))).send(
      new GetLogEventsCommand({
        logGroupName: '/ecs-scheduler',
        logStreamName: `scheduler/logger/${taskArn.split('/').pop() ?? ''}`,
        startFromHead: true,
      }),
    );
    expectSampleLoggerEvents(events.events?.map((e) => e.message ?? '') ?? []);

    pointAt(cluster.url('n1'));
    // The plan through n2 read every resource back: a refresh through n1 would read the
    // same, and skipping it saves one of the destroy's four graph walks.
    await workspace.destroyAsync({ refresh: false });
  },
);
