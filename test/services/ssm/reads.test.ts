import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  paginateGetParametersByPath,
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

async function put(
  Name: string,
  Value: string,
  Type: 'String' | 'StringList' | 'SecureString' = 'String',
) {
  await ssm.send(new PutParameterCommand({ Name, Value, Type }));
}

describe('GetParameters', () => {
  it('answers the parameters found and the names that are not', async () => {
    const a = uniqueName('a');
    const b = `/${uniqueName('b')}/x`;
    await put(a, 'one');
    await put(b, 'two', 'SecureString');
    const answer = await ssm.send(
      new GetParametersCommand({
        Names: [a, b, 'nope', `${a}:5`, `${a}:nolabel`],
        WithDecryption: true,
      }),
    );
    expect(answer.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      [a, 'one'],
      [b, 'two'],
    ]);
    expect(answer.InvalidParameters).toEqual(['nope', `${a}:5`, `${a}:nolabel`]);
  });

  it('refuses more than 10 names with the model constraint', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `n${i}`);
    await expectSsmError(
      ssm.send(new GetParametersCommand({ Names: names })),
      'ValidationException',
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });
});

describe('GetParametersByPath', () => {
  const root = `/${uniqueName('tree')}`;
  beforeAll(async () => {
    await put(`${root}/a`, '1');
    await put(`${root}/b`, '2', 'StringList');
    await put(`${root}/sub/c`, '3', 'SecureString');
    await put(`${root}/sub/deeper/d`, '4');
  });

  it('reads one level, or every level with Recursive', async () => {
    const one = await ssm.send(new GetParametersByPathCommand({ Path: root }));
    expect(one.Parameters?.map((p) => p.Name)).toEqual([`${root}/a`, `${root}/b`]);
    const trailing = await ssm.send(new GetParametersByPathCommand({ Path: `${root}/` }));
    expect(trailing.Parameters?.map((p) => p.Name)).toEqual([`${root}/a`, `${root}/b`]);
    const all = await ssm.send(
      new GetParametersByPathCommand({ Path: root, Recursive: true, WithDecryption: true }),
    );
    expect(all.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      [`${root}/a`, '1'],
      [`${root}/b`, '2'],
      [`${root}/sub/c`, '3'],
      [`${root}/sub/deeper/d`, '4'],
    ]);
    expect(all.Parameters?.[0]?.ARN).toBe(`arn:aws:ssm:us-east-1:000000000000:parameter${root}/a`);
  });

  it('filters by Type and KeyId, and refuses keys AWS refuses here', async () => {
    const lists = await ssm.send(
      new GetParametersByPathCommand({
        Path: root,
        Recursive: true,
        ParameterFilters: [{ Key: 'Type', Values: ['StringList', 'SecureString'] }],
      }),
    );
    expect(lists.Parameters?.map((p) => p.Name)).toEqual([`${root}/b`, `${root}/sub/c`]);
    const keyed = await ssm.send(
      new GetParametersByPathCommand({
        Path: root,
        Recursive: true,
        ParameterFilters: [{ Key: 'KeyId', Option: 'BeginsWith', Values: ['alias/aws'] }],
      }),
    );
    expect(keyed.Parameters?.map((p) => p.Name)).toEqual([`${root}/sub/c`]);
    await expectSsmError(
      ssm.send(
        new GetParametersByPathCommand({
          Path: root,
          ParameterFilters: [{ Key: 'Name', Values: ['x'] }],
        }),
      ),
      'InvalidFilterKey',
      'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].',
    );
    await expectSsmError(
      ssm.send(
        new GetParametersByPathCommand({
          Path: root,
          ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['String'] }],
        }),
      ),
      'InvalidFilterOption',
      'The following filter option is not valid: Contains. Valid options include: [BeginsWith, Equals].',
    );
  });

  it('pages with MaxResults and NextToken, as the SDK paginator reads them', async () => {
    const first = await ssm.send(
      new GetParametersByPathCommand({ Path: root, Recursive: true, MaxResults: 3 }),
    );
    expect(first.Parameters).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
    const rest = await ssm.send(
      new GetParametersByPathCommand({
        Path: root,
        Recursive: true,
        MaxResults: 3,
        NextToken: first.NextToken,
      }),
    );
    expect(rest.Parameters?.map((p) => p.Name)).toEqual([`${root}/sub/deeper/d`]);
    expect(rest.NextToken).toBeUndefined();
    const names: string[] = [];
    for await (const page of paginateGetParametersByPath(
      { client: ssm, pageSize: 1 },
      { Path: root, Recursive: true },
    )) {
      names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
    }
    expect(names).toHaveLength(4);
    await expectSsmError(
      ssm.send(new GetParametersByPathCommand({ Path: root, NextToken: 'garbage' })),
      'InvalidNextToken',
      'The specified token is not valid.',
    );
    await expectSsmError(
      ssm.send(new GetParametersByPathCommand({ Path: root, MaxResults: 11 })),
      'ValidationException',
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
  });

  it('reads the top level at /, and refuses a path without its leading slash', async () => {
    const top = uniqueName('toplevel');
    await put(top, 'v');
    const answer = await ssm.send(new GetParametersByPathCommand({ Path: '/', MaxResults: 10 }));
    const all: string[] = [];
    let token = answer.NextToken;
    all.push(...(answer.Parameters ?? []).map((p) => p.Name ?? ''));
    while (token) {
      const page = await ssm.send(new GetParametersByPathCommand({ Path: '/', NextToken: token }));
      all.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
      token = page.NextToken;
    }
    expect(all).toContain(top);
    expect(all.every((name) => !name.includes('/'))).toBe(true);
    await expectSsmError(
      ssm.send(new GetParametersByPathCommand({ Path: 'no-slash' })),
      'ValidationException',
      /^The parameter doesn't meet the parameter name requirements\. The parameter name must begin with a forward slash "\/"\./,
    );
  });
});

describe('DeleteParameter and DeleteParameters', () => {
  it('deletes a parameter with its versions, and answers ParameterNotFound after', async () => {
    const name = uniqueName('gone');
    await put(name, 'a');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'b', Overwrite: true }));
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    await expectSsmError(
      ssm.send(new GetParameterCommand({ Name: `${name}:1` })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
    await expectSsmError(
      ssm.send(new DeleteParameterCommand({ Name: name })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
    // A new parameter of the same name starts again at version 1.
    const again = await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'c', Type: 'String' }),
    );
    expect(again.Version).toBe(1);
  });

  it('answers deleted and invalid names', async () => {
    const a = uniqueName('a');
    const b = `/${uniqueName('b')}/c`;
    await put(a, '1');
    await put(b, '2');
    const answer = await ssm.send(
      new DeleteParametersCommand({ Names: [a, b, 'absent', 'bad//name'] }),
    );
    expect(answer.DeletedParameters).toEqual([a, b]);
    expect(answer.InvalidParameters).toEqual(['absent', 'bad//name']);
    const after = await ssm.send(new GetParametersCommand({ Names: [a, b] }));
    expect(after.Parameters).toEqual([]);
  });
});
