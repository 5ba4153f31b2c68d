/**
 * Several nodes on one PostgreSQL, real clock: an ECS service is kept by exactly one node.
 * A change made through the node that does not keep it reaches the keeper, and when the
 * keeper dies another node takes the service over and replaces its tasks.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { admin } from '../helpers/postgres.js';
import { TestCluster } from '../helpers/nodes.js';
import { clientConfig as config } from '../soak/world.js';

const CLUSTER = 'nodes-services';
const SERVICE = 'web';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(look: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    await sleep(200);
  }
}

/** The runner that keeps the service, as its record in the shared store names it. */
async function keeperOf(c: TestCluster): Promise<string | undefined> {
  const { rows } = await admin(
    c.schema.url,
    "SELECT value FROM records WHERE collection = 'ecs.services'",
  );
  const services = rows.map(
    (row: { value: string }) =>
      JSON.parse(row.value) as { serviceName: string; owner?: { runnerId: string } },
  );
  return services.find((s) => s.serviceName === SERVICE)?.owner?.runnerId;
}

/** The service's tasks that are RUNNING, described through `ecs`. */
async function runningTasks(ecs: ECSClient): Promise<Task[]> {
  const arns =
    (
      await ecs.send(
        new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'RUNNING' }),
      )
    ).taskArns ?? [];
  if (arns.length === 0) return [];
  const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks;
  return (tasks ?? []).filter((t) => t.lastStatus === 'RUNNING');
}

describe('several nodes, ECS services', () => {
  it(
    'one node keeps a service; a change through another reaches it; its death hands the service over',
    { timeout: 240_000 },
    async () => {
      cluster = await TestCluster.of(['n1', 'n2'], ['--log-level', 'error']);
      const viaN1 = new ECSClient(config(cluster.url('n1')));
      await viaN1.send(new CreateClusterCommand({ clusterName: CLUSTER }));
      await viaN1.send(
        new RegisterTaskDefinitionCommand({
          family: SERVICE,
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'x', command: ['sh', '-c', 'sleep 240'] }],
        }),
      );
      const subnet =
        (await new EC2Client(config(cluster.url('n1'))).send(new DescribeSubnetsCommand({})))
          .Subnets?.[0]?.SubnetId ?? '';
      await viaN1.send(
        new CreateServiceCommand({
          cluster: CLUSTER,
          serviceName: SERVICE,
          taskDefinition: SERVICE,
          desiredCount: 2,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
        }),
      );
      await until(async () => ((await runningTasks(viaN1)).length === 2 ? true : undefined));

      const live = new Map(
        (await cluster.health('n1')).nodes
          .filter((n) => n.state === 'live')
          .map((n) => [n.runnerId, n.nodeId]),
      );
      const keeperRunner = await keeperOf(cluster);
      const keeper = live.get(keeperRunner ?? '') as string;
      expect(['n1', 'n2']).toContain(keeper);
      const other = keeper === 'n1' ? 'n2' : 'n1';

      // A change through the node that does not keep the service reaches the keeper.
      const viaOther = new ECSClient(config(cluster.url(other)));
      await viaOther.send(
        new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: 3 }),
      );
      const before = await until(async () => {
        const running = await runningTasks(viaOther);
        return running.length === 3 ? running : undefined;
      });
      expect(await keeperOf(cluster)).toBe(keeperRunner);

      // The keeper dies: the other node takes the service and replaces its tasks.
      await cluster.kill(keeper);
      const after = await until(async () => {
        const running = await runningTasks(viaOther);
        const fresh = running.filter((t) => !before.some((b) => b.taskArn === t.taskArn));
        return running.length === 3 && fresh.length === 3 ? running : undefined;
      });
      expect(after.every((t) => t.group === `service:${SERVICE}`)).toBe(true);
      const newKeeper = await keeperOf(cluster);
      expect(newKeeper).not.toBe(keeperRunner);
      expect(live.get(newKeeper ?? '')).toBe(other);

      // The dead keeper's tasks ended STOPPED, as a lost host's tasks do.
      const old = (
        await viaOther.send(
          new DescribeTasksCommand({
            cluster: CLUSTER,
            tasks: before.map((t) => t.taskArn ?? ''),
          }),
        )
      ).tasks;
      expect(old?.map((t) => t.lastStatus)).toEqual(['STOPPED', 'STOPPED', 'STOPPED']);
      const service = (
        await viaOther.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))
      ).services?.[0];
      expect(service?.desiredCount).toBe(3);
    },
  );
});
