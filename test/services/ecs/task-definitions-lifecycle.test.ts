/**
 * Describe, Deregister and Delete through the SDK, revision numbering across them, and
 * resolveTaskDefinition as RunTask and the tags code call it.
 */
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS, type TaskRecord } from '../../../src/services/ecs/records.js';
import {
  putTaskDefinitionRecord,
  resolveTaskDefinition,
} from '../../../src/services/ecs/task-definitions/resolve.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { ecsError, minimalTaskDefinition } from './task-definitions-helpers.js';

const START = '2024-03-01T00:00:00.000Z';
const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
const ARN = 'arn:aws:ecs:us-east-1:000000000000:task-definition';

let teiki: TestTeiki;
let ecs: ECSClient;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
  ecs = new ECSClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function registerRevisions(family: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await ecs.send(new RegisterTaskDefinitionCommand(minimalTaskDefinition(family)));
}
const describeTd = (taskDefinition: string) =>
  ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
const deregister = (taskDefinition: string) =>
  ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition }));
const remove = (...taskDefinitions: string[]) =>
  ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions }));

/** Moves the virtual clock, as a user would through the admin route. */
async function advanceSeconds(seconds: number): Promise<void> {
  const response = await fetch(`${teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

describe('DescribeTaskDefinition', () => {
  it.each([
    ['an unknown family', 'nothing-here'],
    ['an unknown revision', 'described:9'],
    ['revision 0', 'described:0'],
    ['a revision that is not a number', 'described:latest'],
    ['an ARN of another region', 'arn:aws:ecs:eu-west-1:000000000000:task-definition/described:1'],
    ['an ARN of another account', 'arn:aws:ecs:us-east-1:111122223333:task-definition/described:1'],
    ['a cluster ARN', 'arn:aws:ecs:us-east-1:000000000000:cluster/described'],
  ])('refuses %s with ClientException', async (_, reference) => {
    await registerRevisions('described', 1);
    const error = await ecsError(describeTd(reference));
    expect(error.name).toBe('ClientException');
    expect(error.message).toBe('Unable to describe task definition.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DeregisterTaskDefinition', () => {
  it('makes a revision INACTIVE: describable by revision, no longer the family latest', async () => {
    await registerRevisions('retiring', 2);
    await advanceSeconds(90);
    const out = await deregister('retiring:2');
    expect(out.taskDefinition).toMatchObject({
      taskDefinitionArn: `${ARN}/retiring:2`,
      status: 'INACTIVE',
      deregisteredAt: new Date(Date.parse(START) + 90_000),
    });
    expect((await describeTd('retiring:2')).taskDefinition?.status).toBe('INACTIVE');
    expect((await describeTd('retiring')).taskDefinition?.revision).toBe(1);

    await deregister(`${ARN}/retiring:1`);
    expect((await ecsError(describeTd('retiring'))).message).toBe(
      'Unable to describe task definition.',
    );
    expect((await describeTd(`${ARN}/retiring:1`)).taskDefinition?.status).toBe('INACTIVE');
  });

  it('answers again for an INACTIVE revision without changing it', async () => {
    await registerRevisions('twice', 1);
    const first = await deregister('twice:1');
    await advanceSeconds(5);
    const second = await deregister('twice:1');
    expect(second.taskDefinition).toEqual(first.taskDefinition);
  });

  it.each([
    ['a bare family', 'retiring', 'ClientException', 'Revision is missing.'],
    ['an unknown revision', 'retiring:7', 'ClientException', 'Unable to describe task definition.'],
    ['an unknown family', 'never:1', 'ClientException', 'Unable to describe task definition.'],
    [
      'a revision that is not a number',
      'retiring:x',
      'InvalidParameterException',
      'Invalid revision number. Number: x',
    ],
  ])('refuses %s', async (_, reference, name, message) => {
    const error = await ecsError(deregister(reference));
    expect(error.name).toBe(name);
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('changes nothing when refused', async () => {
    await registerRevisions('untouched', 1);
    await ecsError(deregister('untouched'));
    expect((await describeTd('untouched')).taskDefinition?.status).toBe('ACTIVE');
  });
});

describe('DeleteTaskDefinitions', () => {
  it('deletes INACTIVE revisions and reports the others with ECS reasons', async () => {
    await registerRevisions('doomed', 3);
    await deregister('doomed:1');
    await deregister('doomed:2');
    await advanceSeconds(30);
    const out = await remove(
      'doomed:1',
      `${ARN}/doomed:2`,
      'doomed:3',
      'doomed',
      'doomed:42',
      'doomed:x',
    );
    expect(out.taskDefinitions?.map((t) => [t.taskDefinitionArn, t.status])).toEqual([
      [`${ARN}/doomed:1`, 'DELETE_IN_PROGRESS'],
      [`${ARN}/doomed:2`, 'DELETE_IN_PROGRESS'],
    ]);
    expect(out.taskDefinitions?.[0]?.deleteRequestedAt).toEqual(
      new Date(Date.parse(START) + (await clockOffsetMs())),
    );
    expect(out.failures).toEqual([
      {
        arn: 'doomed:3',
        reason:
          'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
      },
      {
        arn: 'doomed',
        reason:
          'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
      },
      {
        arn: 'doomed:42',
        reason:
          'The specified task definition does not exist. Specify a valid account, family, revision and try again.',
      },
      {
        arn: 'doomed:x',
        reason:
          'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
      },
    ]);
    // No task uses them, so the deletion is already over.
    expect((await ecsError(describeTd('doomed:1'))).message).toBe(
      'Unable to describe task definition.',
    );
    expect((await describeTd('doomed')).taskDefinition?.revision).toBe(3);
  });

  it('never reuses a revision, even after every revision is deleted', async () => {
    await registerRevisions('phoenix', 2);
    await deregister('phoenix:1');
    await deregister('phoenix:2');
    await remove('phoenix:1', 'phoenix:2');
    const again = await ecs.send(
      new RegisterTaskDefinitionCommand(minimalTaskDefinition('phoenix')),
    );
    expect(again.taskDefinition?.revision).toBe(3);
  });

  it('keeps a revision DELETE_IN_PROGRESS while a task still runs it, then it is gone', async () => {
    await registerRevisions('busy', 1);
    await deregister('busy:1');
    const tasks = teiki.store.collection<TaskRecord>(TASKS);
    const task = runningTask(`${ARN}/busy:1`);
    await tasks.put(SCOPE, 'default/0123456789abcdef', task);

    const out = await remove('busy:1');
    expect(out.taskDefinitions?.[0]?.status).toBe('DELETE_IN_PROGRESS');
    expect((await describeTd('busy:1')).taskDefinition?.status).toBe('DELETE_IN_PROGRESS');
    const deleting = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'busy', status: 'DELETE_IN_PROGRESS' }),
    );
    expect(deleting.taskDefinitionArns).toEqual([`${ARN}/busy:1`]);
    // Deleting it again changes nothing.
    expect((await remove('busy:1')).taskDefinitions?.[0]?.status).toBe('DELETE_IN_PROGRESS');

    await tasks.put(SCOPE, 'default/0123456789abcdef', { ...task, lastStatus: 'STOPPED' });
    expect((await ecsError(describeTd('busy:1'))).message).toBe(
      'Unable to describe task definition.',
    );
    const after = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'busy', status: 'DELETE_IN_PROGRESS' }),
    );
    expect(after.taskDefinitionArns).toEqual([]);
  });

  it.each([
    [[], 'size of TaskDefinition references list must be greater than 0'],
    [
      Array.from({ length: 11 }, (_, i) => `doomed:${i + 1}`),
      'Size of TaskDefinition references list cannot exceed 10',
    ],
  ])('refuses %j with InvalidParameterException', async (references, message) => {
    const error = await ecsError(remove(...references));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('resolveTaskDefinition', () => {
  it('finds a family latest ACTIVE, a revision and an ARN; nothing elsewhere', async () => {
    await registerRevisions('resolved', 3);
    await deregister('resolved:3');
    const resolve = (reference: string, scope = SCOPE) =>
      resolveTaskDefinition(teiki.store, scope, reference);

    expect((await resolve('resolved'))?.id).toBe('resolved:00000002');
    expect((await resolve('resolved:3'))?.record.definition.status).toBe('INACTIVE');
    expect((await resolve(`${ARN}/resolved:1`))?.record.definition.revision).toBe(1);
    expect((await resolve(`${ARN}/resolved`))?.record.definition.revision).toBe(2);
    expect(await resolve('resolved:4')).toBeUndefined();
    expect(await resolve('resolved:0')).toBeUndefined();
    expect(
      await resolve('resolved', { accountId: SCOPE.accountId, region: 'eu-west-1' }),
    ).toBeUndefined();
    expect(
      await resolve('arn:aws:ecs:eu-west-1:000000000000:task-definition/resolved:1'),
    ).toBeUndefined();
  });

  it('writes a record back with putTaskDefinitionRecord', async () => {
    await registerRevisions('rewritten', 1);
    const found = await resolveTaskDefinition(teiki.store, SCOPE, 'rewritten:1');
    expect(found).toBeDefined();
    await putTaskDefinitionRecord(teiki.store, SCOPE, found!.id, {
      ...found!.record,
      tags: [{ key: 'added', value: 'later' }],
    });
    const out = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'rewritten:1', include: ['TAGS'] }),
    );
    expect(out.tags).toEqual([{ key: 'added', value: 'later' }]);
  });
});

async function clockOffsetMs(): Promise<number> {
  const response = await fetch(`${teiki.url}/_teiki/clock`);
  const { now } = (await response.json()) as { now: string };
  return Date.parse(now) - Date.parse(START);
}

function runningTask(taskDefinitionArn: string): TaskRecord {
  return {
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef',
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
    taskDefinitionArn,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    cpu: '256',
    memory: '512',
    availabilityZone: 'us-east-1a',
    attachments: [],
    containers: [],
    overrides: {},
    tags: [],
    version: 1,
    createdAt: Date.parse(START),
  };
}
