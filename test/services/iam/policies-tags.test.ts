import {
  CreatePolicyCommand,
  GetPolicyCommand,
  IAMClient,
  ListPolicyTagsCommand,
  paginateListPolicyTags,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, LOGS_POLICY, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function newPolicy(tags?: Array<{ Key: string; Value: string }>): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({
      PolicyName: uniqueName('tagged'),
      PolicyDocument: LOGS_POLICY,
      ...(tags ? { Tags: tags } : {}),
    }),
  );
  return out.Policy!.Arn!;
}

async function tagsOf(arn: string) {
  return (await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags;
}

describe('TagPolicy, UntagPolicy, ListPolicyTags', () => {
  it('adds, replaces case-insensitively, lists by key and removes', async () => {
    const arn = await newPolicy([{ Key: 'team', Value: 'platform' }]);
    await iam.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'Team', Value: 'scheduling' },
          { Key: 'CostCenter', Value: '42' },
        ],
      }),
    );
    expect(await tagsOf(arn)).toEqual([
      { Key: 'CostCenter', Value: '42' },
      { Key: 'Team', Value: 'scheduling' },
    ]);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(got.Policy!.Tags).toHaveLength(2);

    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['costcenter', 'absent'] }));
    expect(await tagsOf(arn)).toEqual([{ Key: 'Team', Value: 'scheduling' }]);
  });

  it('pages tags with MaxItems and the SDK paginator', async () => {
    const arn = await newPolicy(
      Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` })),
    );
    const first = await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(first.Tags!.map((t) => t.Key)).toEqual(['k0', 'k1']);
    expect(first.IsTruncated).toBe(true);
    const keys: string[] = [];
    for await (const page of paginateListPolicyTags(
      { client: iam, pageSize: 2 },
      { PolicyArn: arn },
    )) {
      keys.push(...page.Tags!.map((t) => t.Key!));
    }
    expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('refuses to pass 50 tags and changes nothing', async () => {
    const arn = await newPolicy(
      Array.from({ length: 49 }, (_, i) => ({ Key: `key${i}`, Value: 'x' })),
    );
    const failure = await iamError(
      iam.send(
        new TagPolicyCommand({
          PolicyArn: arn,
          Tags: [
            { Key: 'one', Value: '1' },
            { Key: 'two', Value: '2' },
          ],
        }),
      ),
    );
    expect(failure).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for TagsPerPolicy: 50',
      status: 409,
    });
    expect(await tagsOf(arn)).toHaveLength(49);
  });

  it('refuses keys repeated in one request', async () => {
    const arn = await newPolicy();
    const failure = await iamError(
      iam.send(
        new TagPolicyCommand({
          PolicyArn: arn,
          Tags: [
            { Key: 'env', Value: 'a' },
            { Key: 'ENV', Value: 'b' },
          ],
        }),
      ),
    );
    expect(failure).toEqual({
      name: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      status: 400,
    });
  });

  it.each([
    [
      'TagPolicy',
      (arn: string) =>
        iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'a', Value: 'b' }] })),
    ],
    [
      'UntagPolicy',
      (arn: string) => iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a'] })),
    ],
    ['ListPolicyTags', (arn: string) => iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))],
  ] as const)('%s says NoSuchEntity for a policy that does not exist', async (_op, command) => {
    const arn = 'arn:aws:iam::000000000000:policy/absent';
    const failure = await iamError(command(arn));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });
});
