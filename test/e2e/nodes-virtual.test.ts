/**
 * The several-node proof on a shared virtual clock: three nodes on one PostgreSQL fire
 * rules and Scheduler schedules (CloudWatch Logs and ECS targets) while the clock moves
 * through many instants and a random node is killed with SIGKILL and started again every
 * few hundred instants. Every instant of every entry is then accounted for exactly once
 * (0 lost, 0 doubled), every started task reached STOPPED, every log target wrote each
 * instant's event once, and the firing was spread over the nodes.
 *
 * TEIKI_TEST_NODES_INSTANTS sets how many instants (default 1,200, a few minutes here; the
 * issue's proof is 10,000).
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, expect, it } from 'vitest';
import { TestCluster } from '../helpers/nodes.js';
import { clientConfig as config } from '../soak/world.js';
import { prng } from '../helpers/prng.js';
import { createRunTaskRole } from '../helpers/roles.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const MINUTE = 60_000;
const INSTANTS = Number(process.env.TEIKI_TEST_NODES_INSTANTS ?? 1200);
const NODES = ['n1', 'n2', 'n3'];
const STEP_MINUTES = 10;
const ACCOUNT = '000000000000';

let cluster: TestCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

interface Entry {
  source: 'rule' | 'schedule';
  name: string;
  periodMinutes: number;
  startsTasks: boolean;
}

/** Log entries fire every minute, task entries every five: most instants are log writes. */
const ENTRIES: Entry[] = [
  ...Array.from({ length: 6 }, (_, i) => ({
    source: 'rule' as const,
    name: `log-rule-${i}`,
    periodMinutes: 1,
    startsTasks: false,
  })),
  ...Array.from({ length: 3 }, (_, i) => ({
    source: 'schedule' as const,
    name: `log-schedule-${i}`,
    periodMinutes: 1,
    startsTasks: false,
  })),
  { source: 'rule', name: 'task-rule', periodMinutes: 5, startsTasks: true },
  { source: 'schedule', name: 'task-schedule', periodMinutes: 5, startsTasks: true },
];

const perMinute = ENTRIES.reduce((sum, e) => sum + 1 / e.periodMinutes, 0);
const MINUTES = Math.ceil(INSTANTS / perMinute / STEP_MINUTES) * STEP_MINUTES;
/** Kill a node about every 300 instants. */
const KILL_EVERY_STEPS = Math.max(1, Math.round(300 / (perMinute * STEP_MINUTES)));

it(
  `fires ${INSTANTS}+ instants on three nodes once each while nodes are killed and restarted`,
  { timeout: 30 * 60_000 },
  async () => {
    cluster = await TestCluster.of(NODES, [
      '--clock',
      'virtual',
      '--clock-start',
      new Date(START).toISOString(),
      '--log-level',
      'error',
    ]);

    await buildWorld(cluster.url('n1'));

    const random = prng(18);
    let down: string | undefined;
    const kills: string[] = [];
    for (let step = 1; step * STEP_MINUTES <= MINUTES; step++) {
      const up = NODES.filter((id) => id !== down);
      const mover = up[Math.floor(random() * up.length)] as string;
      let victim: string | undefined;
      if (down === undefined && step % KILL_EVERY_STEPS === 0) {
        const others = up.filter((id) => id !== mover);
        victim = others[Math.floor(random() * others.length)];
      }
      const moving = cluster.moveClock(mover, { advanceSeconds: STEP_MINUTES * 60 });
      if (victim !== undefined) {
        // In the middle of the move: the victim has its share of the instants to fire.
        await cluster.kill(victim);
        kills.push(victim);
      }
      const moved = await moving;
      expect(moved).toEqual({
        status: 200,
        now: new Date(START + step * STEP_MINUTES * MINUTE).toISOString(),
        mode: 'virtual',
      });
      if (down !== undefined) {
        await cluster.start(down);
        await cluster.waitForLive(mover, NODES);
        down = undefined;
      }
      if (victim !== undefined) down = victim;
    }
    if (down !== undefined) await cluster.start(down);
    expect(kills.length).toBeGreaterThanOrEqual(
      Math.floor(MINUTES / STEP_MINUTES / KILL_EVERY_STEPS) - 1,
    );

    // Every instant up to the clock's reading, once per entry, whichever node fired it.
    const endMs = START + MINUTES * MINUTE;
    // /_teiki/invocations answers at most 10,000: the proof reads every record the nodes
    // wrote in the shared store.
    const invocations = await cluster.storedInvocations();
    const total = ENTRIES.reduce((sum, e) => sum + MINUTES / e.periodMinutes, 0);
    expect(total).toBeGreaterThanOrEqual(INSTANTS);
    expect(invocations).toHaveLength(total);
    for (const entry of ENTRIES) {
      const mine = invocations.filter((i) => i.source === entry.source && i.name === entry.name);
      const expected = [];
      for (
        let t = START + entry.periodMinutes * MINUTE;
        t <= endMs;
        t += entry.periodMinutes * MINUTE
      ) {
        expected.push(new Date(t).toISOString().replace('.000Z', 'Z'));
      }
      expect(mine.map((i) => normalize(i.scheduledTime)).sort(), entry.name).toEqual(expected);
      for (const invocation of mine) {
        const fine = entry.startsTasks
          ? invocation.outcome === 'started' ||
            (invocation.outcome === 'failed' && invocation.error?.code === 'Interrupted')
          : invocation.outcome === 'delivered' ||
            (invocation.outcome === 'failed' && invocation.error?.code === 'Interrupted');
        expect(fine, JSON.stringify(invocation)).toBe(true);
      }
    }
    // The work was spread: every node fired a share.
    const firedBy = new Set(invocations.map((i) => i.runnerId?.split('#')[0]));
    expect([...firedBy].sort()).toEqual(NODES);

    // Every task started ends STOPPED: by its exit, or (its node killed) as ECS stops a
    // task whose host was lost. ECS shows a stopped task for an hour and the clock has
    // moved on: the records are read from the store, the latest through the API too.
    const taskArns = invocations.flatMap((i) => i.taskArns);
    expect(taskArns.length).toBeGreaterThan(0);
    for (;;) {
      const tasks = await cluster.storedTasks();
      const stopped = tasks.filter((t) => t.lastStatus === 'STOPPED');
      if (stopped.length === taskArns.length) {
        expect(new Set(tasks.map((t) => t.taskArn))).toEqual(new Set(taskArns));
        for (const task of tasks) {
          expect(['EssentialContainerExited', 'TerminationNotice']).toContain(task.stopCode);
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ecs = new ECSClient(config(cluster.url('n1')));
    // Those of the last 50 minutes are still shown by DescribeTasks, through any node.
    const latest = invocations
      .filter((i) => Date.parse(i.scheduledTime) > endMs - 50 * MINUTE)
      .flatMap((i) => i.taskArns)
      .slice(0, 100);
    expect(latest.length).toBeGreaterThan(0);
    const described = await ecs.send(new DescribeTasksCommand({ cluster: 'nodes', tasks: latest }));
    expect(described.tasks?.every((t) => t.lastStatus === 'STOPPED')).toBe(true);

    // Each log target wrote each instant's event once (an interrupted one at most once).
    const logs = new CloudWatchLogsClient(config(cluster.url('n2')));
    const written = new Map<string, number>();
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: '/nodes', nextToken, limit: 10_000 }),
      );
      for (const event of page.events ?? []) {
        const body = JSON.parse(event.message ?? '{}') as { time?: string; resources?: string[] };
        const key = `${body.resources?.[0] ?? body.time}|${body.time}`;
        written.set(key, (written.get(key) ?? 0) + 1);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    expect(Math.max(...written.values())).toBe(1);
    const delivered = invocations.filter((i) => i.outcome === 'delivered').length;
    expect(written.size).toBeGreaterThanOrEqual(delivered);
  },
);

function normalize(iso: string): string {
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}

async function buildWorld(endpoint: string): Promise<void> {
  const c = config(endpoint);
  const logs = new CloudWatchLogsClient(c);
  const ecs = new ECSClient(c);
  const ec2 = new EC2Client(c);
  const iam = new IAMClient(c);
  const events = new EventBridgeClient(c);
  const scheduler = new SchedulerClient(c);
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/nodes' }));
  const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: 'nodes' }))).cluster
    ?.clusterArn as string;
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'tick',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'x', command: ['true'] }],
    }),
  );
  const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  const network = { awsvpcConfiguration: { Subnets: [subnet] } };
  const eventsRole = await createRunTaskRole(iam, 'nodes-events', 'events.amazonaws.com', '*');
  const schedulerRole = await createRunTaskRole(
    iam,
    'nodes-scheduler',
    'scheduler.amazonaws.com',
    '*',
  );
  const logGroupArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/nodes`;
  const ecsParameters = {
    TaskDefinitionArn: 'tick',
    LaunchType: 'FARGATE' as const,
    NetworkConfiguration: network,
  };
  for (const entry of ENTRIES) {
    const expression =
      entry.periodMinutes === 1 ? 'rate(1 minute)' : `rate(${entry.periodMinutes} minutes)`;
    if (entry.source === 'rule') {
      await events.send(new PutRuleCommand({ Name: entry.name, ScheduleExpression: expression }));
      const target = entry.startsTasks
        ? { Id: 't', Arn: clusterArn, RoleArn: eventsRole, EcsParameters: ecsParameters }
        : { Id: 't', Arn: logGroupArn };
      await events.send(new PutTargetsCommand({ Rule: entry.name, Targets: [target] }));
    } else {
      await scheduler.send(
        new CreateScheduleCommand({
          Name: entry.name,
          ScheduleExpression: expression,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: entry.startsTasks
            ? { Arn: clusterArn, RoleArn: schedulerRole, EcsParameters: ecsParameters }
            : {
                Arn: logGroupArn,
                RoleArn: schedulerRole,
                // Scheduler fills in the instant: each event names its schedule and instant.
                Input: JSON.stringify({
                  resources: [entry.name],
                  time: '<aws.scheduler.scheduled-time>',
                }),
              },
        }),
      );
    }
  }
}
