/** ECS ListClusters through the SDK: the JSON protocol path the benchmark measures. */
import {
  ECSClient,
  ECSServiceException,
  ListClustersCommand,
  paginateListClusters,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS, type ClusterRecord } from '../../src/services/ecs/records.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
  // No CreateCluster yet (the ECS issue): seed records the way it will store them.
  const clusters = teiki.store.collection<ClusterRecord>(CLUSTERS);
  const scope = { accountId: '000000000000', region: 'us-east-1' };
  for (let i = 0; i < 7; i++) {
    const clusterName = `c${i}`;
    await clusters.put(scope, clusterName, {
      clusterName,
      clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${clusterName}`,
      status: 'ACTIVE',
    });
  }
  await clusters.put({ accountId: '000000000000', region: 'eu-west-1' }, 'elsewhere', {
    clusterName: 'elsewhere',
    clusterArn: 'arn:aws:ecs:eu-west-1:000000000000:cluster/elsewhere',
    status: 'ACTIVE',
  });
});
afterAll(() => teiki.close());

describe('ListClusters', () => {
  it('lists the clusters of the region, page by page with the SDK paginator', async () => {
    const pages = [];
    for await (const page of paginateListClusters({ client: ecs, pageSize: 3 }, {}))
      pages.push(page.clusterArns);
    expect(pages.map((p) => p?.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(
      Array.from({ length: 7 }, (_, i) => `arn:aws:ecs:us-east-1:000000000000:cluster/c${i}`),
    );
  });

  it('is empty in a region without clusters', async () => {
    const out = await new ECSClient(teiki.clientConfig({ region: 'ap-northeast-1' })).send(
      new ListClustersCommand({}),
    );
    expect(out.clusterArns).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it.each([
    [{ maxResults: 0 }, 'maxResults must be between 1 and 100.'],
    [{ maxResults: 101 }, 'maxResults must be between 1 and 100.'],
    [{ nextToken: 'forged' }, 'Invalid nextToken.'],
  ])('refuses %j with InvalidParameterException', async (input, message) => {
    const error = await ecs.send(new ListClustersCommand(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect((error as ECSServiceException).name).toBe('InvalidParameterException');
    expect((error as ECSServiceException).message).toBe(message);
  });
});
