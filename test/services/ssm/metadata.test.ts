import {
  AddTagsToResourceCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  UnlabelParameterVersionCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { NO_MESSAGE, expectSsmError, ssmClient, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let ssm: SSMClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  ssm = ssmClient(teiki);
});
afterAll(() => teiki.close());

describe('DescribeParameters', () => {
  const root = `/${uniqueName('desc')}`;
  beforeAll(async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: `${root}/plain`,
        Value: 'v',
        Type: 'String',
        Description: 'the plain one',
        AllowedPattern: '.*',
        Tags: [{ Key: 'team', Value: 'blue' }],
      }),
    );
    await ssm.send(
      new PutParameterCommand({
        Name: `${root}/secret`,
        Value: 's',
        Type: 'SecureString',
        KeyId: 'alias/custom',
      }),
    );
    await ssm.send(
      new PutParameterCommand({
        Name: `${root}/nested/list`,
        Value: 'a,b',
        Type: 'StringList',
        Tier: 'Advanced',
      }),
    );
  });

  it('answers metadata, never values, with the caller as LastModifiedUser', async () => {
    const { Parameters } = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [root] }],
      }),
    );
    expect(Parameters?.map((p) => p.Name)).toEqual([
      `${root}/nested/list`,
      `${root}/plain`,
      `${root}/secret`,
    ]);
    const plain = Parameters?.find((p) => p.Name === `${root}/plain`);
    expect(plain).toMatchObject({
      ARN: `arn:aws:ssm:us-east-1:000000000000:parameter${root}/plain`,
      Type: 'String',
      Description: 'the plain one',
      AllowedPattern: '.*',
      Version: 1,
      Tier: 'Standard',
      DataType: 'text',
      LastModifiedUser: 'arn:aws:iam::000000000000:root',
      Policies: [],
    });
    expect(plain).not.toHaveProperty('Value');
    expect(Parameters?.find((p) => p.Name === `${root}/secret`)?.KeyId).toBe('alias/custom');
  });

  it.each<[{ Key: string; Option?: string; Values: string[] }, string[]]>([
    [{ Key: 'Path', Option: 'OneLevel', Values: [] as string[] }, ['plain', 'secret']],
    [{ Key: 'Name', Option: 'Equals', Values: [] as string[] }, ['plain']],
    [
      { Key: 'Name', Option: 'BeginsWith', Values: [] as string[] },
      ['nested/list', 'plain', 'secret'],
    ],
    [{ Key: 'Name', Option: 'Contains', Values: ['secr'] }, ['secret']],
    [{ Key: 'Type', Values: ['SecureString'] }, ['secret']],
    [{ Key: 'KeyId', Values: ['alias/custom'] }, ['secret']],
    [{ Key: 'Tier', Values: ['Advanced'] }, ['nested/list']],
    [{ Key: 'DataType', Values: ['text'] }, ['nested/list', 'plain', 'secret']],
    [{ Key: 'tag:team', Values: ['blue'] }, ['plain']],
  ])('filters with %j', async (filter, expected) => {
    const values =
      filter.Values.length > 0
        ? filter.Values
        : filter.Key === 'Path'
          ? [root]
          : filter.Option === 'Equals'
            ? [`${root}/plain`]
            : [`${root}/`];
    const { Parameters } = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [
          { ...filter, Values: values },
          ...(filter.Key === 'Path' ? [] : [{ Key: 'Path', Option: 'Recursive', Values: [root] }]),
        ],
      }),
    );
    expect(Parameters?.map((p) => p.Name)).toEqual(expected.map((e) => `${root}/${e}`));
  });

  it('takes the older Filters too, but not both kinds at once', async () => {
    const { Parameters } = await ssm.send(
      new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: [`${root}/pl`] }] }),
    );
    expect(Parameters?.map((p) => p.Name)).toEqual([`${root}/plain`]);
    await expectSsmError(
      ssm.send(
        new DescribeParametersCommand({
          Filters: [{ Key: 'Type', Values: ['String'] }],
          ParameterFilters: [{ Key: 'Type', Values: ['String'] }],
        }),
      ),
      'ValidationException',
      'You can use either Filters or ParameterFilters in a single request.',
    );
  });

  it.each([
    [
      { Key: 'Label', Values: ['x'] },
      'InvalidFilterKey',
      'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
    ],
    [
      { Key: 'Type', Values: ['Number'] },
      'InvalidFilterOption',
      'The following filter value is not valid: Number. Valid values include: [String, StringList, SecureString].',
    ],
    [
      { Key: 'Path', Option: 'Deep', Values: ['/a'] },
      'InvalidFilterOption',
      'The following filter option is not valid: Deep. Valid options include: [Recursive, OneLevel].',
    ],
    [
      { Key: 'Path', Values: ['/aws/service'] },
      'ValidationException',
      'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.',
    ],
    [
      { Key: 'Name' },
      'InvalidFilterValue',
      'The following filter values are missing : null for filter key Name.',
    ],
  ])('refuses the filter %j', async (filter, code, message) => {
    await expectSsmError(
      ssm.send(new DescribeParametersCommand({ ParameterFilters: [filter] })),
      code,
      message,
    );
  });

  it('refuses a filter key given twice', async () => {
    await expectSsmError(
      ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [
            { Key: 'Type', Values: ['String'] },
            { Key: 'Type', Values: ['StringList'] },
          ],
        }),
      ),
      'InvalidFilterKey',
      'The following filter is duplicated in the request: Type. A request can contain only one occurrence of a specific filter.',
    );
  });

  it('pages through MaxResults', async () => {
    const filters = [{ Key: 'Path', Option: 'Recursive', Values: [root] }];
    const first = await ssm.send(
      new DescribeParametersCommand({ ParameterFilters: filters, MaxResults: 2 }),
    );
    expect(first.Parameters).toHaveLength(2);
    const second = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: filters,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(second.Parameters?.map((p) => p.Name)).toEqual([`${root}/secret`]);
    expect(second.NextToken).toBeUndefined();
    const shared = await ssm.send(new DescribeParametersCommand({ Shared: true }));
    expect(shared.Parameters).toEqual([]);
  });
});

describe('GetParameterHistory and labels', () => {
  it('lists every version oldest first, with labels, paged', async () => {
    const name = uniqueName('hist');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'v1', Type: 'SecureString' }));
    await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'v2', Overwrite: true, Description: 'second' }),
    );
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'v3', Overwrite: true }));
    await ssm.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['prod'] }),
    );
    const history = await ssm.send(
      new GetParameterHistoryCommand({ Name: name, WithDecryption: true }),
    );
    expect(history.Parameters?.map((p) => [p.Version, p.Value, p.Description, p.Labels])).toEqual([
      [1, 'v1', undefined, []],
      [2, 'v2', 'second', ['prod']],
      [3, 'v3', 'second', []],
    ]);
    expect(history.Parameters?.[0]).toMatchObject({
      Name: name,
      Type: 'SecureString',
      KeyId: 'alias/aws/ssm',
      LastModifiedUser: 'arn:aws:iam::000000000000:root',
    });
    const hidden = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 2 }));
    expect(hidden.Parameters).toHaveLength(2);
    expect(hidden.Parameters?.[0]?.Value).not.toBe('v1');
    const rest = await ssm.send(
      new GetParameterHistoryCommand({ Name: name, MaxResults: 2, NextToken: hidden.NextToken }),
    );
    expect(rest.Parameters?.map((p) => p.Version)).toEqual([3]);
    await expectSsmError(
      ssm.send(new GetParameterHistoryCommand({ Name: uniqueName('none') })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
  });

  it('reads by label, moves a label, and answers invalid labels', async () => {
    const name = `/${uniqueName('lbl')}/p`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'b', Overwrite: true }));
    const first = await ssm.send(
      new LabelParameterVersionCommand({
        Name: name,
        ParameterVersion: 1,
        Labels: ['stable', '1digit', 'awsy', 'SSMx', 'bad label', 'ok-label.1_x'],
      }),
    );
    expect(first).toMatchObject({
      ParameterVersion: 1,
      InvalidLabels: ['1digit', 'awsy', 'SSMx', 'bad label'],
    });
    const byLabel = await ssm.send(new GetParameterCommand({ Name: `${name}:stable` }));
    expect(byLabel.Parameter).toMatchObject({ Value: 'a', Version: 1, Selector: ':stable' });
    // Without ParameterVersion the label goes to the latest version, leaving version 1.
    const moved = await ssm.send(
      new LabelParameterVersionCommand({ Name: name, Labels: ['stable'] }),
    );
    expect(moved).toMatchObject({ ParameterVersion: 2, InvalidLabels: [] });
    const now = await ssm.send(new GetParameterCommand({ Name: `${name}:stable` }));
    expect(now.Parameter).toMatchObject({ Value: 'b', Version: 2 });
    const byPath = await ssm.send(
      new GetParametersByPathCommand({
        Path: name.slice(0, name.lastIndexOf('/')),
        ParameterFilters: [{ Key: 'Label', Values: ['stable'] }],
      }),
    );
    expect(byPath.Parameters?.map((p) => p.Name)).toEqual([name]);
    await expectSsmError(
      ssm.send(new GetParameterCommand({ Name: `${name}:nolabel` })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
    await expectSsmError(
      ssm.send(
        new LabelParameterVersionCommand({ Name: name, ParameterVersion: 9, Labels: ['x'] }),
      ),
      'ParameterVersionNotFound',
      `Systems Manager could not find version 9 of ${name}. Verify the version and try again.`,
    );
    const unlabel = await ssm.send(
      new UnlabelParameterVersionCommand({
        Name: name,
        ParameterVersion: 2,
        Labels: ['stable', 'ok-label.1_x'],
      }),
    );
    expect(unlabel).toMatchObject({ RemovedLabels: ['stable'], InvalidLabels: ['ok-label.1_x'] });
  });

  it('holds 10 labels per version', async () => {
    const name = uniqueName('many');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`);
    await ssm.send(new LabelParameterVersionCommand({ Name: name, Labels: ten }));
    await expectSsmError(
      ssm.send(new LabelParameterVersionCommand({ Name: name, Labels: ['eleventh'] })),
      'ParameterVersionLabelLimitExceeded',
      'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
    );
  });

  it('keeps 100 versions, dropping the oldest unless a label holds it', async () => {
    const name = uniqueName('hundred');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'v1', Type: 'String' }));
    for (let v = 2; v <= 100; v++) {
      await ssm.send(new PutParameterCommand({ Name: name, Value: `v${v}`, Overwrite: true }));
    }
    const hundred1 = await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'v101', Overwrite: true }),
    );
    expect(hundred1.Version).toBe(101);
    await expectSsmError(
      ssm.send(new GetParameterCommand({ Name: `${name}:1` })),
      'ParameterVersionNotFound',
      `Systems Manager could not find version 1 of ${name}. Verify the version and try again.`,
    );
    await ssm.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['pinned'] }),
    );
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: name, Value: 'v102', Overwrite: true })),
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version 2, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(history.Parameters?.[0]?.Version).toBe(2);
  });
});

describe('tags', () => {
  it('adds, lists and removes tags of a parameter, by name', async () => {
    const name = `/${uniqueName('tags')}/p`;
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: 'v',
        Type: 'String',
        Tags: [{ Key: 'a', Value: '1' }],
      }),
    );
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: name,
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    const listed = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }),
    );
    expect(listed.TagList).toEqual([
      { Key: 'a', Value: '2' },
      { Key: 'b', Value: '3' },
    ]);
    await ssm.send(
      new RemoveTagsFromResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: name,
        TagKeys: ['a', 'zzz'],
      }),
    );
    const after = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }),
    );
    expect(after.TagList).toEqual([{ Key: 'b', Value: '3' }]);
  });

  it('answers InvalidResourceId for what does not exist, and caps tags at 50', async () => {
    await expectSsmError(
      ssm.send(
        new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: uniqueName('x') }),
      ),
      'InvalidResourceId',
      'Invalid Resource Id',
    );
    await expectSsmError(
      ssm.send(
        new ListTagsForResourceCommand({
          ResourceType: 'Document',
          ResourceId: 'AWS-RunShellScript',
        }),
      ),
      'InvalidResourceId',
      'Invalid Resource Id',
    );
    const name = uniqueName('cap');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' }));
    await expectSsmError(
      ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: name,
          Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
        }),
      ),
      'TooManyTagsError',
      /50/,
    );
  });
});
