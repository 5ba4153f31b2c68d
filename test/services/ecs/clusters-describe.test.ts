/** ECS DescribeClusters through the SDK: references, `include`, task counts, failures. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  type ClusterField,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../../src/services/ecs/records.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { clusterArn, expectEcsError, seedTask, uniqueName } from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

/** A cluster with everything `include` can reveal. */
async function richCluster(): Promise<string> {
  const name = uniqueName('rich');
  await ecs.send(
    new CreateClusterCommand({
      clusterName: name,
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      configuration: { executeCommandConfiguration: { logging: 'DEFAULT' } },
      tags: [{ key: 'team', value: 'batch' }],
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    }),
  );
  return name;
}

async function describeOne(name: string, include?: ClusterField[]) {
  const out = await ecs.send(new DescribeClustersCommand({ clusters: [name], include }));
  expect(out.failures).toEqual([]);
  expect(out.clusters).toHaveLength(1);
  return out.clusters?.[0];
}

describe('DescribeClusters', () => {
  it('leaves settings, tags and statistics empty and drops configuration without include', async () => {
    const name = await richCluster();
    expect(await describeOne(name)).toEqual({
      clusterArn: clusterArn(name),
      clusterName: name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      statistics: [],
      tags: [],
      settings: [],
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
  });

  it.each<[ClusterField, Record<string, unknown>]>([
    ['SETTINGS', { settings: [{ name: 'containerInsights', value: 'enabled' }] }],
    ['TAGS', { tags: [{ key: 'team', value: 'batch' }] }],
    ['CONFIGURATIONS', { configuration: { executeCommandConfiguration: { logging: 'DEFAULT' } } }],
    ['ATTACHMENTS', { attachments: [] }],
  ])('shows what %s includes, and only that', async (field, shown) => {
    const name = await richCluster();
    const cluster = await describeOne(name, [field]);
    expect(cluster).toMatchObject(shown);
    const hidden = { settings: [], tags: [], statistics: [] };
    for (const [key, empty] of Object.entries(hidden)) {
      if (!(key in shown)) expect(cluster?.[key as keyof typeof cluster]).toEqual(empty);
    }
    if (field !== 'CONFIGURATIONS') expect(cluster?.configuration).toBeUndefined();
    if (field !== 'ATTACHMENTS') expect(cluster?.attachments).toBeUndefined();
  });

  it('fills in the account default for SETTINGS when the cluster sets none', async () => {
    const name = uniqueName('defaults');
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    expect((await describeOne(name, ['SETTINGS']))?.settings).toEqual([
      { name: 'containerInsights', value: 'disabled' },
    ]);
  });

  it('counts RUNNING tasks as running and PROVISIONING, PENDING, ACTIVATING as pending', async () => {
    const name = uniqueName('busy');
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    const statuses: TaskStatus[] = [
      'PROVISIONING',
      'PENDING',
      'ACTIVATING',
      'RUNNING',
      'RUNNING',
      'DEACTIVATING',
      'STOPPING',
      'DEPROVISIONING',
      'STOPPED',
    ];
    for (const status of statuses) await seedTask(teiki.store, name, status);
    await seedTask(teiki.store, name, 'RUNNING', { launchType: 'EC2' });
    // A cluster whose name starts the same must not lend it tasks.
    await ecs.send(new CreateClusterCommand({ clusterName: `${name}x` }));
    await seedTask(teiki.store, `${name}x`, 'RUNNING');

    const cluster = await describeOne(name, ['STATISTICS']);
    expect(cluster?.runningTasksCount).toBe(3);
    expect(cluster?.pendingTasksCount).toBe(3);
    expect(cluster?.statistics).toEqual(
      [
        ['runningEC2TasksCount', '1'],
        ['runningFargateTasksCount', '2'],
        ['pendingEC2TasksCount', '0'],
        ['pendingFargateTasksCount', '3'],
        ['runningExternalTasksCount', '0'],
        ['pendingExternalTasksCount', '0'],
        ['runningManagedInstancesTasksCount', '0'],
        ['pendingManagedInstancesTasksCount', '0'],
        ['activeEC2ServiceCount', '0'],
        ['activeFargateServiceCount', '0'],
        ['drainingEC2ServiceCount', '0'],
        ['drainingFargateServiceCount', '0'],
        ['activeExternalServiceCount', '0'],
        ['drainingExternalServiceCount', '0'],
        ['activeManagedInstancesServiceCount', '0'],
        ['drainingManagedInstancesServiceCount', '0'],
      ].map(([n, value]) => ({ name: n, value })),
    );
    expect((await describeOne(`${name}x`))?.runningTasksCount).toBe(1);
  });

  it('finds clusters by name and by ARN, each once, and reports the missing ones', async () => {
    const a = uniqueName('a');
    const b = uniqueName('b');
    await ecs.send(new CreateClusterCommand({ clusterName: a }));
    await ecs.send(new CreateClusterCommand({ clusterName: b }));
    const foreign = 'arn:aws:ecs:eu-west-1:000000000000:cluster/' + a;
    const out = await ecs.send(
      new DescribeClustersCommand({
        clusters: [a, clusterArn(b), clusterArn(a), 'nope', foreign, 'arn:aws:ecs:bad'],
      }),
    );
    expect(out.clusters?.map((c) => c.clusterName)).toEqual([a, b]);
    expect(out.failures).toEqual([
      { arn: clusterArn('nope'), reason: 'MISSING' },
      { arn: foreign, reason: 'MISSING' },
      { arn: 'arn:aws:ecs:bad', reason: 'MISSING' },
    ]);
  });

  it('describes the default cluster when none is named', async () => {
    const other = new ECSClient(teiki.clientConfig({ region: 'ap-south-1' }));
    const before = await other.send(new DescribeClustersCommand({}));
    expect(before.clusters).toEqual([]);
    expect(before.failures).toEqual([
      { arn: 'arn:aws:ecs:ap-south-1:000000000000:cluster/default', reason: 'MISSING' },
    ]);
    await other.send(new CreateClusterCommand({}));
    const after = await other.send(new DescribeClustersCommand({ clusters: [] }));
    expect(after.clusters?.map((c) => c.clusterName)).toEqual(['default']);
    expect(after.failures).toEqual([]);
  });

  it('still describes a deleted cluster, as INACTIVE', async () => {
    const name = uniqueName('gone');
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    await ecs.send(new DeleteClusterCommand({ cluster: name }));
    expect((await describeOne(name))?.status).toBe('INACTIVE');
  });

  it('refuses more than 100 clusters', async () => {
    const clusters = Array.from({ length: 101 }, (_, i) => `c${i}`);
    await expectEcsError(
      ecs.send(new DescribeClustersCommand({ clusters })),
      'InvalidParameterException',
      'clusters can have at most 100 entries.',
    );
  });

  it('refuses an include value outside the model with ECS’s own InvalidParameterException', async () => {
    await expectEcsError(
      ecs.send(new DescribeClustersCommand({ include: ['FOO' as ClusterField] })),
      'InvalidParameterException',
      'include should be one of [ATTACHMENTS,CONFIGURATIONS,SETTINGS,STATISTICS,TAGS]',
    );
  });
});
