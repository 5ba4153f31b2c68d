/** ListTaskDefinitions and ListTaskDefinitionFamilies through the SDK and its paginators. */
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  paginateListTaskDefinitionFamilies,
  paginateListTaskDefinitions,
  type ListTaskDefinitionFamiliesCommandInput,
  type ListTaskDefinitionsCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ecsError, minimalTaskDefinition } from './task-definitions-helpers.js';

const ARN = 'arn:aws:ecs:us-east-1:000000000000:task-definition';

let teiki: TestTeiki;
let ecs: ECSClient;

/**
 * Families whose names sort differently by code point than `FAMILY:` ids would
 * ('a-b' < 'a' < 'a1' < 'b' in the store; 'B' < 'a' < 'a-b' < 'a1' < 'b' by name).
 */
const REVISIONS: Record<string, number> = { b: 2, a1: 1, 'a-b': 1, a: 3, B: 1, gone: 1, old: 2 };

beforeAll(async () => {
  teiki = await startTestTeiki();
  ecs = new ECSClient(teiki.clientConfig());
  for (const [family, count] of Object.entries(REVISIONS)) {
    for (let i = 0; i < count; i++)
      await ecs.send(new RegisterTaskDefinitionCommand(minimalTaskDefinition(family)));
  }
  // a:2 and old are INACTIVE; gone is deleted.
  for (const reference of ['a:2', 'old:1', 'old:2', 'gone:1'])
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: reference }));
  await ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['gone:1'] }));
});
afterAll(() => teiki.close());

const arns = (...names: string[]) => names.map((n) => `${ARN}/${n}`);

async function allArns(input: ListTaskDefinitionsCommandInput, pageSize = 2): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize }, input))
    pages.push(page.taskDefinitionArns ?? []);
  return pages;
}

async function allFamilies(
  input: ListTaskDefinitionFamiliesCommandInput,
  pageSize = 2,
): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of paginateListTaskDefinitionFamilies({ client: ecs, pageSize }, input))
    pages.push(page.families ?? []);
  return pages;
}

describe('ListTaskDefinitions', () => {
  it('lists ACTIVE revisions by family name, then revision', async () => {
    const out = await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(out.taskDefinitionArns).toEqual(
      arns('B:1', 'a:1', 'a:3', 'a-b:1', 'a1:1', 'b:1', 'b:2'),
    );
    expect(out.nextToken).toBeUndefined();
  });

  it('reverses family and revision order with DESC', async () => {
    const out = await ecs.send(new ListTaskDefinitionsCommand({ sort: 'DESC' }));
    expect(out.taskDefinitionArns).toEqual(
      arns('b:2', 'b:1', 'a1:1', 'a-b:1', 'a:3', 'a:1', 'B:1'),
    );
  });

  it('pages with the SDK paginator in both directions', async () => {
    expect(await allArns({})).toEqual([
      arns('B:1', 'a:1'),
      arns('a:3', 'a-b:1'),
      arns('a1:1', 'b:1'),
      arns('b:2'),
    ]);
    expect((await allArns({ sort: 'DESC' }, 3)).flat()).toEqual(
      arns('b:2', 'b:1', 'a1:1', 'a-b:1', 'a:3', 'a:1', 'B:1'),
    );
  });

  it('takes familyPrefix as the whole family name', async () => {
    const out = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'a' }));
    expect(out.taskDefinitionArns).toEqual(arns('a:1', 'a:3'));
    const none = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'unknown' }));
    expect(none.taskDefinitionArns).toEqual([]);
  });

  it.each([
    ['INACTIVE', arns('a:2', 'old:1', 'old:2')],
    ['DELETE_IN_PROGRESS', []],
  ] as const)('lists %s revisions when asked', async (status, expected) => {
    const out = await ecs.send(new ListTaskDefinitionsCommand({ status }));
    expect(out.taskDefinitionArns).toEqual(expected);
  });

  it('pages one family DESC by revision', async () => {
    expect(await allArns({ familyPrefix: 'a', status: 'ACTIVE', sort: 'DESC' }, 1)).toEqual([
      arns('a:3'),
      arns('a:1'),
    ]);
  });

  it.each([
    [{ maxResults: 0 }, 'maxResults must be between 1 and 100.'],
    [{ maxResults: 101 }, 'maxResults must be between 1 and 100.'],
    [{ nextToken: 'forged' }, 'Invalid nextToken.'],
  ])('refuses %j with InvalidParameterException', async (input, message) => {
    const error = await ecsError(ecs.send(new ListTaskDefinitionsCommand(input)));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('ListTaskDefinitionFamilies', () => {
  it('lists every family with a revision left, ACTIVE or INACTIVE, by name', async () => {
    const out = await ecs.send(new ListTaskDefinitionFamiliesCommand({}));
    expect(out.families).toEqual(['B', 'a', 'a-b', 'a1', 'b', 'old']);
  });

  it.each([
    ['ACTIVE', ['B', 'a', 'a-b', 'a1', 'b']],
    ['INACTIVE', ['old']],
    ['ALL', ['B', 'a', 'a-b', 'a1', 'b', 'old']],
  ] as const)('filters by status %s', async (status, expected) => {
    const out = await ecs.send(new ListTaskDefinitionFamiliesCommand({ status }));
    expect(out.families).toEqual(expected);
  });

  it('takes familyPrefix as a prefix', async () => {
    const out = await ecs.send(new ListTaskDefinitionFamiliesCommand({ familyPrefix: 'a' }));
    expect(out.families).toEqual(['a', 'a-b', 'a1']);
  });

  it('pages with the SDK paginator', async () => {
    expect(await allFamilies({})).toEqual([
      ['B', 'a'],
      ['a-b', 'a1'],
      ['b', 'old'],
    ]);
    expect(await allFamilies({ familyPrefix: 'a', status: 'ACTIVE' }, 1)).toEqual([
      ['a'],
      ['a-b'],
      ['a1'],
    ]);
  });

  it.each([
    [{ maxResults: 0 }, 'maxResults must be between 1 and 100.'],
    [{ nextToken: 'forged' }, 'Invalid nextToken.'],
  ])('refuses %j with InvalidParameterException', async (input, message) => {
    const error = await ecsError(ecs.send(new ListTaskDefinitionFamiliesCommand(input)));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe(message);
  });
});
