/**
 * The cluster lookup RunTask uses: `clusterForTask` and `findCluster`, called on a real
 * teiki's store, with the clusters they create checked through the SDK.
 */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/error.js';
import { clusterForTask, findCluster } from '../../../src/services/ecs/clusters/lookup.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { clusterArn, uniqueName } from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

const scopeIn = (region: string) => ({ accountId: '000000000000', region });

async function notFound(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect({ code: (error as ServiceError).code, message: (error as ServiceError).message }).toEqual({
    code: 'ClusterNotFoundException',
    message: 'Cluster not found.',
  });
}

describe('clusterForTask', () => {
  it('finds an ACTIVE cluster by name and by ARN', async () => {
    const name = uniqueName('run');
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    const scope = scopeIn('us-east-1');
    expect((await clusterForTask(teiki.store, scope, name)).clusterArn).toBe(clusterArn(name));
    expect((await clusterForTask(teiki.store, scope, clusterArn(name))).clusterName).toBe(name);
  });

  it('refuses unknown, deleted and foreign clusters with ClusterNotFoundException', async () => {
    const deleted = uniqueName('deleted');
    await ecs.send(new CreateClusterCommand({ clusterName: deleted }));
    await ecs.send(new DeleteClusterCommand({ cluster: deleted }));
    const scope = scopeIn('us-east-1');
    await notFound(clusterForTask(teiki.store, scope, 'never-created'));
    await notFound(clusterForTask(teiki.store, scope, deleted));
    await notFound(clusterForTask(teiki.store, scope, clusterArn(deleted, 'eu-west-1')));
  });

  it('creates the default cluster, once, when no cluster is named', async () => {
    const region = 'sa-east-1';
    const scope = scopeIn(region);
    const made = await Promise.all([
      clusterForTask(teiki.store, scope, undefined),
      clusterForTask(teiki.store, scope, undefined),
    ]);
    expect(made.map((c) => [c.clusterName, c.status])).toEqual([
      ['default', 'ACTIVE'],
      ['default', 'ACTIVE'],
    ]);
    const client = new ECSClient(teiki.clientConfig({ region }));
    const out = await client.send(new DescribeClustersCommand({ include: ['SETTINGS'] }));
    expect(out.clusters?.map((c) => [c.clusterArn, c.status, c.settings])).toEqual([
      [clusterArn('default', region), 'ACTIVE', [{ name: 'containerInsights', value: 'disabled' }]],
    ]);
  });

  it('uses an existing default cluster as it is, and brings a deleted one back', async () => {
    const region = 'ca-central-1';
    const scope = scopeIn(region);
    const client = new ECSClient(teiki.clientConfig({ region }));
    await client.send(new CreateClusterCommand({ tags: [{ key: 'k', value: 'v' }] }));
    expect((await clusterForTask(teiki.store, scope, undefined)).tags).toEqual([
      { key: 'k', value: 'v' },
    ]);
    await client.send(new DeleteClusterCommand({ cluster: 'default' }));
    expect((await clusterForTask(teiki.store, scope, undefined)).status).toBe('ACTIVE');
    const out = await client.send(new DescribeClustersCommand({}));
    expect(out.clusters?.[0]?.status).toBe('ACTIVE');
  });
});

describe('findCluster', () => {
  it('returns clusters of any status, and undefined for what names none', async () => {
    const name = uniqueName('find');
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    await ecs.send(new DeleteClusterCommand({ cluster: name }));
    const scope = scopeIn('us-east-1');
    expect((await findCluster(teiki.store, scope, clusterArn(name)))?.status).toBe('INACTIVE');
    expect(await findCluster(teiki.store, scope, 'never-created')).toBeUndefined();
    expect(
      await findCluster(teiki.store, scope, 'arn:aws:ecs:us-east-1:000000000000:task/x'),
    ).toBeUndefined();
  });
});
