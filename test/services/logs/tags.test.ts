import {
  CreateLogGroupCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectLogsError, logsClient, uniqueName } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const logs = () => logsClient(teiki);
const arnOf = (name: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;

async function group(tags?: Record<string, string>): Promise<string> {
  const name = uniqueName('/tagged');
  await logs().send(new CreateLogGroupCommand({ logGroupName: name, ...(tags ? { tags } : {}) }));
  return name;
}

describe('TagResource, UntagResource, ListTagsForResource', () => {
  it('lists the tags given at creation and adds, replaces and removes by ARN', async () => {
    const name = await group({ team: 'batch', env: 'dev' });
    expect(
      (await logs().send(new ListTagsForResourceCommand({ resourceArn: arnOf(name) }))).tags,
    ).toEqual({
      team: 'batch',
      env: 'dev',
    });
    await logs().send(
      new TagResourceCommand({ resourceArn: arnOf(name), tags: { env: 'prod', owner: 'ops' } }),
    );
    await logs().send(
      new UntagResourceCommand({ resourceArn: arnOf(name), tagKeys: ['team', 'nope'] }),
    );
    const out = await logs().send(new ListTagsForResourceCommand({ resourceArn: arnOf(name) }));
    expect(out.tags).toEqual({ env: 'prod', owner: 'ops' });
  });

  it('refuses the `:*` form DescribeLogGroups returns', async () => {
    // AWS answers `ValidationException: Invalid resourceArn` here; the model's pattern for
    // resourceArn has no `*`, and teiki's gateway enforces the model before the service runs.
    const name = await group();
    await expectLogsError(
      logs().send(new ListTagsForResourceCommand({ resourceArn: `${arnOf(name)}:*` })),
      'InvalidParameterException',
      `1 validation error detected: Value at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]*`,
    );
  });

  it('refuses ARNs that do not name a log group', async () => {
    for (const resourceArn of [
      'arn:aws:logs:us-east-1:000000000000:nothing',
      'arn:aws:sqs:us-east-1:000000000000:queue',
      'not-an-arn',
    ]) {
      await expectLogsError(
        logs().send(new ListTagsForResourceCommand({ resourceArn })),
        'ValidationException',
        'Invalid resourceArn',
      );
      await expectLogsError(
        logs().send(new TagResourceCommand({ resourceArn, tags: { a: 'b' } })),
        'ValidationException',
        'Invalid resourceArn',
      );
      await expectLogsError(
        logs().send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] })),
        'ValidationException',
        'Invalid resourceArn',
      );
    }
  });

  it('is ResourceNotFoundException for a group that does not exist', async () => {
    const missing = arnOf(uniqueName('missing'));
    await expectLogsError(
      logs().send(new ListTagsForResourceCommand({ resourceArn: missing })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      logs().send(new TagResourceCommand({ resourceArn: missing, tags: { a: 'b' } })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      logs().send(new UntagResourceCommand({ resourceArn: missing, tagKeys: ['a'] })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  it('refuses a 51st tag and keeps the 50', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
    const name = await group(fifty);
    await logs().send(new TagResourceCommand({ resourceArn: arnOf(name), tags: { k0: 'again' } }));
    await expectLogsError(
      logs().send(new TagResourceCommand({ resourceArn: arnOf(name), tags: { extra: 'x' } })),
      'TooManyTagsException',
      'A resource can have no more than 50 tags.',
    );
    const out = await logs().send(new ListTagsForResourceCommand({ resourceArn: arnOf(name) }));
    expect(Object.keys(out.tags ?? {})).toHaveLength(50);
    expect(out.tags?.k0).toBe('again');
  });
});

describe('TagLogGroup, UntagLogGroup, ListTagsLogGroup', () => {
  it('tags by name and shares the tags with the ARN operations', async () => {
    const name = await group();
    await logs().send(new TagLogGroupCommand({ logGroupName: name, tags: { a: '1', b: '2' } }));
    await logs().send(new UntagLogGroupCommand({ logGroupName: name, tags: ['a'] }));
    expect((await logs().send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({
      b: '2',
    });
    expect(
      (await logs().send(new ListTagsForResourceCommand({ resourceArn: arnOf(name) }))).tags,
    ).toEqual({
      b: '2',
    });
  });

  it('is ResourceNotFoundException for a missing group', async () => {
    const logGroupName = uniqueName('missing');
    for (const command of [
      new TagLogGroupCommand({ logGroupName, tags: { a: '1' } }),
      new UntagLogGroupCommand({ logGroupName, tags: ['a'] }),
      new ListTagsLogGroupCommand({ logGroupName }),
    ]) {
      await expectLogsError(
        logs().send(command as TagLogGroupCommand),
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
    }
  });
});
