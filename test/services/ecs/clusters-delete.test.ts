/** ECS DeleteCluster through the SDK. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  ListClustersCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../../src/services/ecs/records.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  clusterArn,
  expectEcsError,
  seedTask,
  setTaskStatus,
  uniqueName,
} from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function cluster(): Promise<string> {
  const name = uniqueName('del');
  await ecs.send(
    new CreateClusterCommand({
      clusterName: name,
      tags: [{ key: 'team', value: 'batch' }],
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    }),
  );
  return name;
}

describe('DeleteCluster', () => {
  it('turns the cluster INACTIVE: returned, still described and listed, tags gone', async () => {
    const name = await cluster();
    const out = await ecs.send(new DeleteClusterCommand({ cluster: clusterArn(name) }));
    expect(out.cluster).toEqual({
      clusterArn: clusterArn(name),
      clusterName: name,
      status: 'INACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      statistics: [],
      tags: [],
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
    });
    const described = await ecs.send(
      new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] }),
    );
    expect(described.clusters?.map((c) => [c.status, c.tags])).toEqual([['INACTIVE', []]]);
    const listed = await ecs.send(new ListClustersCommand({}));
    expect(listed.clusterArns).toContain(clusterArn(name));
  });

  it('returns an INACTIVE cluster as it is when deleted again', async () => {
    const name = await cluster();
    const first = await ecs.send(new DeleteClusterCommand({ cluster: name }));
    const second = await ecs.send(new DeleteClusterCommand({ cluster: name }));
    expect(second.cluster).toEqual(first.cluster);
  });

  it('makes the name free: creating it again gives an ACTIVE cluster, listed again', async () => {
    const name = await cluster();
    await ecs.send(new DeleteClusterCommand({ cluster: name }));
    const created = await ecs.send(new CreateClusterCommand({ clusterName: name }));
    expect(created.cluster?.status).toBe('ACTIVE');
    expect(created.cluster?.tags).toEqual([]);
    const listed = await ecs.send(new ListClustersCommand({}));
    expect(listed.clusterArns).toContain(clusterArn(name));
  });

  it.each<TaskStatus>([
    'PROVISIONING',
    'PENDING',
    'ACTIVATING',
    'RUNNING',
    'DEACTIVATING',
    'STOPPING',
    'DEPROVISIONING',
  ])('is refused while a task is %s, and allowed once it is STOPPED', async (status) => {
    const name = await cluster();
    await seedTask(teiki.store, name, 'STOPPED');
    const task = await seedTask(teiki.store, name, status);
    await expectEcsError(
      ecs.send(new DeleteClusterCommand({ cluster: name })),
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
    const described = await ecs.send(new DescribeClustersCommand({ clusters: [name] }));
    expect(described.clusters?.[0]?.status).toBe('ACTIVE');
    await setTaskStatus(teiki.store, task, 'STOPPED');
    const out = await ecs.send(new DeleteClusterCommand({ cluster: name }));
    expect(out.cluster?.status).toBe('INACTIVE');
  });

  it.each([
    ['an unknown name', 'never-created'],
    ['an ARN of another account', 'arn:aws:ecs:us-east-1:111111111111:cluster/x'],
    ['a malformed ARN', 'arn:aws:ecs:us-east-1:000000000000:service/x'],
  ])('refuses %s with ClusterNotFoundException', async (_what, reference) => {
    await expectEcsError(
      ecs.send(new DeleteClusterCommand({ cluster: reference })),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
  });
});
