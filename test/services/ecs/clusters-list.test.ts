/** ECS ListClusters through the SDK: the JSON protocol path the benchmark measures. */
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  ECSClient,
  ListClustersCommand,
  paginateListClusters,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { clusterArn, expectEcsError } from './clusters-helpers.js';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
  for (let i = 0; i < 7; i++) await ecs.send(new CreateClusterCommand({ clusterName: `c${i}` }));
  await ecs.send(new CreateClusterCommand({ clusterName: 'deleted' }));
  await ecs.send(new DeleteClusterCommand({ cluster: 'deleted' }));
  await new ECSClient(teiki.clientConfig({ region: 'eu-west-1' })).send(
    new CreateClusterCommand({ clusterName: 'elsewhere' }),
  );
});
afterAll(() => teiki.close());

describe('ListClusters', () => {
  it('lists the region’s clusters, a deleted one too, page by page with the SDK paginator', async () => {
    const pages = [];
    for await (const page of paginateListClusters({ client: ecs, pageSize: 3 }, {}))
      pages.push(page.clusterArns);
    // AWS keeps deleted (INACTIVE) clusters discoverable for a while, ListClusters included.
    expect(pages.flat()).toEqual([
      ...Array.from({ length: 7 }, (_, i) => clusterArn(`c${i}`)),
      clusterArn('deleted'),
    ]);
    expect(pages.map((page) => page?.length)).toEqual([3, 3, 2]);
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
    await expectEcsError(
      ecs.send(new ListClustersCommand(input)),
      'InvalidParameterException',
      message,
    );
  });
});
