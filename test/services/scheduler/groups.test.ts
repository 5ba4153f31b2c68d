/**
 * Schedule groups through the SDK: the default group, creation with tags, deletion with
 * the group's schedules, listing with a prefix and pages, and tags (groups only).
 */
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListScheduleGroups,
  type ScheduleGroupSummary,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  createRole,
  expectSchedulerError,
  groupArnOf,
  minimalSchedule,
  scheduleArnOf,
  schedulerClient,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
  await createRole(teiki);
});
afterAll(() => teiki.close());

const scheduler = () => schedulerClient(teiki);

describe('the default group', () => {
  it('exists in every account and region without being created, with no dates', async () => {
    for (const overrides of [{}, { region: 'eu-west-1' }, { accessKeyId: '123456789012' }]) {
      const region = overrides.region ?? 'us-east-1';
      const account = overrides.accessKeyId ?? '000000000000';
      const got = await schedulerClient(teiki, overrides).send(
        new GetScheduleGroupCommand({ Name: 'default' }),
      );
      expect({ ...got, $metadata: undefined }).toEqual({
        $metadata: undefined,
        Arn: `arn:aws:scheduler:${region}:${account}:schedule-group/default`,
        Name: 'default',
        State: 'ACTIVE',
      });
    }
  });

  it('cannot be created or deleted', async () => {
    await expectSchedulerError(
      scheduler().send(new CreateScheduleGroupCommand({ Name: 'default' })),
      'ConflictException',
      'Schedule group default already exists.',
      409,
    );
    await expectSchedulerError(
      scheduler().send(new DeleteScheduleGroupCommand({ Name: 'default' })),
      'ValidationException',
      'The default schedule group cannot be deleted.',
    );
  });
});

describe('CreateScheduleGroup and GetScheduleGroup', () => {
  it('creates a group with its tags, and answers it', async () => {
    const name = uniqueName('team');
    const created = await scheduler().send(
      new CreateScheduleGroupCommand({ Name: name, Tags: [{ Key: 'team', Value: 'batch' }] }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.ScheduleGroupArn).toBe(groupArnOf(name));
    const now = teiki.clock.now();
    const got = await scheduler().send(new GetScheduleGroupCommand({ Name: name }));
    expect({ ...got, $metadata: undefined }).toEqual({
      $metadata: undefined,
      Arn: groupArnOf(name),
      CreationDate: now,
      LastModificationDate: now,
      Name: name,
      State: 'ACTIVE',
    });
    const tags = await scheduler().send(
      new ListTagsForResourceCommand({ ResourceArn: groupArnOf(name) }),
    );
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'batch' }]);
  });

  it('refuses a group that exists, unless the request is a replay of its creation', async () => {
    const name = uniqueName('twice');
    const request = { Name: name, ClientToken: 'group-token' };
    await scheduler().send(new CreateScheduleGroupCommand(request));
    const again = await scheduler().send(new CreateScheduleGroupCommand(request));
    expect(again.ScheduleGroupArn).toBe(groupArnOf(name));
    for (const repeat of [{ Name: name }, { ...request, Tags: [{ Key: 'a', Value: 'b' }] }]) {
      await expectSchedulerError(
        scheduler().send(new CreateScheduleGroupCommand(repeat)),
        'ConflictException',
        `Schedule group ${name} already exists.`,
        409,
      );
    }
  });

  it('refuses duplicated tag keys and names the model does not allow', async () => {
    const name = uniqueName('dup');
    await expectSchedulerError(
      scheduler().send(
        new CreateScheduleGroupCommand({
          Name: name,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'a', Value: '2' },
          ],
        }),
      ),
      'ValidationException',
      'Tag keys must be unique.',
    );
    await expectSchedulerError(
      scheduler().send(new GetScheduleGroupCommand({ Name: name })),
      'ResourceNotFoundException',
      `Schedule group ${name} does not exist.`,
      404,
    );
    await expectSchedulerError(
      scheduler().send(new CreateScheduleGroupCommand({ Name: 'no/slash' })),
      'ValidationException',
      /^1 validation error detected: Value 'no\/slash' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\[0-9a-zA-Z-_\.\]\+\$$/,
    );
  });
});

describe('the quota of groups', () => {
  it('holds 500 groups per account and region, the default one included', async () => {
    const client = schedulerClient(teiki, { region: 'sa-east-1' });
    for (let i = 1; i < 500; i++) {
      await client.send(new CreateScheduleGroupCommand({ Name: `g${i}` }));
    }
    await expectSchedulerError(
      client.send(new CreateScheduleGroupCommand({ Name: 'one-too-many' })),
      'ServiceQuotaExceededException',
      'The number of schedule groups in this account and Region exceeds the quota.',
      402,
    );
    await client.send(new DeleteScheduleGroupCommand({ Name: 'g1' }));
    await client.send(new CreateScheduleGroupCommand({ Name: 'one-too-many' }));
  });
});

describe('DeleteScheduleGroup', () => {
  it('deletes the group and every schedule in it, and nothing else', async () => {
    const group = uniqueName('doomed');
    await scheduler().send(new CreateScheduleGroupCommand({ Name: group }));
    const names = [uniqueName('a'), uniqueName('b')];
    for (const name of names) {
      await scheduler().send(new CreateScheduleCommand(minimalSchedule(name, group)));
    }
    const survivor = names[0] ?? '';
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(survivor)));
    const out = await scheduler().send(new DeleteScheduleGroupCommand({ Name: group }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    await expectSchedulerError(
      scheduler().send(new GetScheduleGroupCommand({ Name: group })),
      'ResourceNotFoundException',
      `Schedule group ${group} does not exist.`,
      404,
    );
    await expectSchedulerError(
      scheduler().send(new DeleteScheduleGroupCommand({ Name: group })),
      'ResourceNotFoundException',
      `Schedule group ${group} does not exist.`,
      404,
    );
    const kept = await scheduler().send(new GetScheduleCommand({ Name: survivor }));
    expect(kept.Arn).toBe(scheduleArnOf(survivor));
    // A group made again under the name starts empty.
    await scheduler().send(new CreateScheduleGroupCommand({ Name: group }));
    await expectSchedulerError(
      scheduler().send(new GetScheduleCommand({ Name: survivor, GroupName: group })),
      'ResourceNotFoundException',
      `Schedule ${survivor} does not exist.`,
      404,
    );
  });
});

describe('ListScheduleGroups', () => {
  it('lists the default group with the others, by name prefix, page by page', async () => {
    const client = schedulerClient(teiki, { region: 'ap-northeast-1' });
    const names = ['nightly-1', 'nightly-2', 'nightly-3', 'weekly-1'];
    for (const name of names) await client.send(new CreateScheduleGroupCommand({ Name: name }));
    const all = await client.send(new ListScheduleGroupsCommand({}));
    expect(all.ScheduleGroups?.map((group) => group.Name)).toEqual(['default', ...names]);
    expect(all.NextToken).toBeUndefined();
    expect(all.ScheduleGroups?.[1]).toEqual({
      Arn: 'arn:aws:scheduler:ap-northeast-1:000000000000:schedule-group/nightly-1',
      CreationDate: teiki.clock.now(),
      LastModificationDate: teiki.clock.now(),
      Name: 'nightly-1',
      State: 'ACTIVE',
    });
    const nightly = await client.send(new ListScheduleGroupsCommand({ NamePrefix: 'nightly' }));
    expect(nightly.ScheduleGroups?.map((group) => group.Name)).toEqual(names.slice(0, 3));
    const defaults = await client.send(new ListScheduleGroupsCommand({ NamePrefix: 'def' }));
    expect(defaults.ScheduleGroups?.map((group) => group.Name)).toEqual(['default']);

    const pages: ScheduleGroupSummary[][] = [];
    for await (const page of paginateListScheduleGroups(
      { client, pageSize: 2 },
      { NamePrefix: 'nightly' },
    )) {
      pages.push(page.ScheduleGroups ?? []);
    }
    expect(pages.map((page) => page.map((group) => group.Name))).toEqual([
      ['nightly-1', 'nightly-2'],
      ['nightly-3'],
    ]);
  });

  it('refuses a page token it did not issue, or one of another prefix', async () => {
    const client = schedulerClient(teiki, { region: 'ap-northeast-1' });
    const first = await client.send(
      new ListScheduleGroupsCommand({ NamePrefix: 'nightly', MaxResults: 1 }),
    );
    expect(first.NextToken).toBeDefined();
    for (const input of [
      { NextToken: 'not-a-token' },
      { NamePrefix: 'weekly', NextToken: first.NextToken },
    ]) {
      await expectSchedulerError(
        client.send(new ListScheduleGroupsCommand(input)),
        'ValidationException',
        'Invalid NextToken.',
      );
    }
  });
});

describe('tags', () => {
  it('tags, retags and untags a group, the default group too', async () => {
    const name = uniqueName('tagged');
    await scheduler().send(new CreateScheduleGroupCommand({ Name: name }));
    for (const arn of [groupArnOf(name), groupArnOf('default')]) {
      await scheduler().send(
        new TagResourceCommand({
          ResourceArn: arn,
          Tags: [
            { Key: 'team', Value: 'batch' },
            { Key: 'env', Value: 'dev' },
          ],
        }),
      );
      await scheduler().send(
        new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }),
      );
      const tagged = await scheduler().send(new ListTagsForResourceCommand({ ResourceArn: arn }));
      expect(tagged.Tags).toEqual([
        { Key: 'team', Value: 'batch' },
        { Key: 'env', Value: 'prod' },
      ]);
      const out = await scheduler().send(
        new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'unknown'] }),
      );
      expect(out.$metadata.httpStatusCode).toBe(200);
      const left = await scheduler().send(new ListTagsForResourceCommand({ ResourceArn: arn }));
      expect(left.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    }
    const group = await scheduler().send(new GetScheduleGroupCommand({ Name: 'default' }));
    expect(group.CreationDate).toBeUndefined();
  });

  it('refuses a schedule ARN: only groups carry tags', async () => {
    const name = uniqueName('untaggable');
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(name)));
    const arn = scheduleArnOf(name);
    const message = `1 validation error detected: Value '${arn}' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[a-z]+)?:scheduler:[a-z0-9\\-]+:\\d{12}:schedule-group\\/[0-9a-zA-Z-_.]+$`;
    for (const send of [
      () =>
        scheduler().send(
          new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: 'b' }] }),
        ),
      () => scheduler().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] })),
      () => scheduler().send(new ListTagsForResourceCommand({ ResourceArn: arn })),
    ]) {
      await expectSchedulerError(send(), 'ValidationException', message);
    }
  });

  it('answers a group that does not exist here', async () => {
    for (const arn of [
      groupArnOf('nowhere'),
      'arn:aws:scheduler:eu-west-1:000000000000:schedule-group/default',
      'arn:aws:scheduler:us-east-1:123456789012:schedule-group/default',
    ]) {
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      await expectSchedulerError(
        scheduler().send(new ListTagsForResourceCommand({ ResourceArn: arn })),
        'ResourceNotFoundException',
        `Schedule group ${name} does not exist.`,
        404,
      );
      await expectSchedulerError(
        scheduler().send(
          new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: 'b' }] }),
        ),
        'ResourceNotFoundException',
        `Schedule group ${name} does not exist.`,
        404,
      );
    }
  });

  it('refuses duplicated keys in one TagResource', async () => {
    const name = uniqueName('dupkeys');
    await scheduler().send(new CreateScheduleGroupCommand({ Name: name }));
    await expectSchedulerError(
      scheduler().send(
        new TagResourceCommand({
          ResourceArn: groupArnOf(name),
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'a', Value: '2' },
          ],
        }),
      ),
      'ValidationException',
      'Tag keys must be unique.',
    );
  });
});
