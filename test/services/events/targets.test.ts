import {
  CreateEventBusCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  PATTERN,
  SEED_INPUT,
  eventsClient,
  expectEventsError,
  queueTarget,
  seedTarget,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const events = () => eventsClient(teiki);

async function rule(bus?: string): Promise<string> {
  const name = uniqueName('rule');
  await events().send(new PutRuleCommand({ Name: name, EventPattern: PATTERN, EventBusName: bus }));
  return name;
}

async function targetsOf(Rule: string, EventBusName?: string): Promise<Target[]> {
  return (await events().send(new ListTargetsByRuleCommand({ Rule, EventBusName }))).Targets ?? [];
}

describe('PutTargets', () => {
  it("stores the seed's ECS target and reads it back exactly", async () => {
    await events().send(
      new PutRuleCommand({ Name: 'ecs-scheduled-task', ScheduleExpression: 'cron(20 2 * * ? *)' }),
    );
    const out = await events().send(
      new PutTargetsCommand({ Rule: 'ecs-scheduled-task', Targets: [seedTarget()] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.FailedEntries).toEqual([]);
    const [target] = await targetsOf('ecs-scheduled-task');
    expect(target).toEqual(seedTarget());
    expect(target?.Input).toBe(SEED_INPUT);
  });

  it('stores EcsParameters in full, with TaskCount 1 when left out', async () => {
    const name = await rule();
    const full: Target = {
      ...seedTarget(),
      EcsParameters: {
        TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/app:7',
        CapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 2, base: 1 }],
        EnableECSManagedTags: true,
        EnableExecuteCommand: false,
        Group: 'family:app',
        NetworkConfiguration: {
          awsvpcConfiguration: {
            Subnets: ['subnet-1'],
            SecurityGroups: ['sg-1', 'sg-2'],
            AssignPublicIp: 'ENABLED',
          },
        },
        PlacementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
        PlacementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
        PlatformVersion: 'LATEST',
        PropagateTags: 'TASK_DEFINITION',
        ReferenceId: 'ref-1',
        Tags: [{ Key: 'k', Value: 'v' }],
      },
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
    };
    await events().send(new PutTargetsCommand({ Rule: name, Targets: [full] }));
    const [stored] = await targetsOf(name);
    expect(stored).toEqual({ ...full, EcsParameters: { ...full.EcsParameters, TaskCount: 1 } });
  });

  it('replaces a target with the same Id in place and appends new ones', async () => {
    const name = await rule();
    await events().send(
      new PutTargetsCommand({ Rule: name, Targets: [queueTarget('a'), queueTarget('b')] }),
    );
    const replaced = { ...queueTarget('a'), Input: '{"v":2}' };
    await events().send(
      new PutTargetsCommand({ Rule: name, Targets: [replaced, queueTarget('c')] }),
    );
    expect(await targetsOf(name)).toEqual([replaced, queueTarget('b'), queueTarget('c')]);
  });

  it('keeps InputPath and InputTransformer targets as given', async () => {
    const name = await rule();
    const withPath: Target = { ...queueTarget('p'), InputPath: "$.detail['the key'][0]" };
    const transformed: Target = {
      ...queueTarget('t'),
      InputTransformer: {
        InputPathsMap: { source: '$.source', first: '$.resources[0]' },
        InputTemplate: '{"from": <source>, "first": "<first>", "rule": "<aws.events.rule-name>"}',
      },
    };
    const plain: Target = {
      ...queueTarget('s'),
      InputTransformer: { InputTemplate: 'event from <aws.events.rule-arn>' },
    };
    await events().send(
      new PutTargetsCommand({ Rule: name, Targets: [withPath, transformed, plain] }),
    );
    expect(await targetsOf(name)).toEqual([withPath, transformed, plain]);
  });

  it('holds at most 5 targets, counting replacements once', async () => {
    const name = await rule();
    const five = ['1', '2', '3', '4', '5'].map(queueTarget);
    await events().send(new PutTargetsCommand({ Rule: name, Targets: five }));
    await events().send(new PutTargetsCommand({ Rule: name, Targets: [queueTarget('3')] }));
    await expectEventsError(
      events().send(new PutTargetsCommand({ Rule: name, Targets: [queueTarget('6')] })),
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
    expect((await targetsOf(name)).map((t) => t.Id)).toEqual(['1', '2', '3', '4', '5']);
    const other = await rule();
    await expectEventsError(
      events().send(
        new PutTargetsCommand({
          Rule: other,
          Targets: ['a', 'b', 'c', 'd', 'e', 'f'].map(queueTarget),
        }),
      ),
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
    expect(await targetsOf(other)).toEqual([]);
  });

  it('puts targets on a rule of a custom bus', async () => {
    const bus = uniqueName('bus');
    await events().send(new CreateEventBusCommand({ Name: bus }));
    const name = await rule(bus);
    await events().send(
      new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [queueTarget('x')] }),
    );
    expect(await targetsOf(name, bus)).toEqual([queueTarget('x')]);
  });
});

const ecs = (change: (target: Target) => Target): Target => change(seedTarget());

describe('PutTargets refusals', () => {
  it.each<[string, Target, string]>([
    [
      'a malformed ARN',
      { Id: 'x', Arn: 'not-an-arn' },
      'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.',
    ],
    [
      'a malformed RoleArn',
      { ...queueTarget('x'), RoleArn: 'role' },
      'Parameter role is not valid. Reason: Provided Arn is not in correct format.',
    ],
    [
      'a dead-letter queue that is no ARN',
      { ...queueTarget('x'), DeadLetterConfig: { Arn: 'dlq' } },
      'Parameter dlq is not valid. Reason: Provided Arn is not in correct format.',
    ],
    [
      'Input that is not JSON',
      { ...queueTarget('x'), Input: '{"a":' },
      'Input for target x is not a valid JSON text.',
    ],
    [
      'Input and InputPath together',
      { ...queueTarget('x'), Input: '{}', InputPath: '$.detail' },
      'Only one of Input, InputPath, or InputTransformer must be provided for target x.',
    ],
    [
      'InputPath and InputTransformer together',
      { ...queueTarget('x'), InputPath: '$', InputTransformer: { InputTemplate: '"a"' } },
      'Only one of Input, InputPath, or InputTransformer must be provided for target x.',
    ],
    [
      'an InputPath that is no JSONPath',
      { ...queueTarget('x'), InputPath: 'detail.key' },
      'Parameter InputPath is not valid for target x.',
    ],
    [
      'a path map value that is no JSONPath',
      {
        ...queueTarget('x'),
        InputTransformer: { InputPathsMap: { a: 'detail' }, InputTemplate: '<a>' },
      },
      'Parameter InputPathsMap is not valid for target x.',
    ],
    [
      'a template naming an undeclared variable',
      {
        ...queueTarget('x'),
        InputTransformer: { InputPathsMap: { a: '$.id' }, InputTemplate: '<a> <b>' },
      },
      'InputTemplate for target x contains invalid placeholder b.',
    ],
    [
      'a JSON template that stops being JSON',
      {
        ...queueTarget('x'),
        InputTransformer: { InputPathsMap: { a: '$.id' }, InputTemplate: '{"a": <a>,}' },
      },
      'Input for target x is not a valid JSON text.',
    ],
    [
      'EcsParameters on a queue',
      {
        ...queueTarget('x'),
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/a',
        },
      },
      'Parameter EcsParameters is not valid for target x.',
    ],
    [
      'a FIFO queue without SqsParameters',
      { Id: 'x', Arn: 'arn:aws:sqs:us-east-1:000000000000:q.fifo' },
      'Parameter(s) SqsParameters must be specified for target: x.',
    ],
    [
      'a cluster without EcsParameters',
      ecs(({ EcsParameters: _e, ...rest }) => rest),
      'Parameter(s) EcsParameters must be specified for target: scheduler-target.',
    ],
    [
      'an ECS target without RoleArn',
      ecs(({ RoleArn: _r, ...rest }) => rest),
      'Parameter(s) RoleArn must be specified for target: scheduler-target.',
    ],
    [
      'TaskCount above 10',
      ecs((t) => ({ ...t, EcsParameters: { ...t.EcsParameters!, TaskCount: 11 } })),
      'Parameter TaskCount is not valid for target scheduler-target.',
    ],
    [
      'a launch type with a capacity provider strategy',
      ecs((t) => ({
        ...t,
        EcsParameters: {
          ...t.EcsParameters!,
          CapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }],
        },
      })),
      'Parameter(s) LaunchType and CapacityProviderStrategy cannot both be specified for target: scheduler-target.',
    ],
  ])('refuses %s', async (_case, target, message) => {
    const name = await rule();
    await expectEventsError(
      events().send(new PutTargetsCommand({ Rule: name, Targets: [queueTarget('ok'), target] })),
      'ValidationException',
      message,
    );
    expect(await targetsOf(name)).toEqual([]);
  });

  it.each<[string, Target, string]>([
    [
      'TaskCount 0',
      ecs((t) => ({ ...t, EcsParameters: { ...t.EcsParameters!, TaskCount: 0 } })),
      "Value '0' at 'targets.1.member.ecsParameters.taskCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'MaximumRetryAttempts 186',
      { ...queueTarget('x'), RetryPolicy: { MaximumRetryAttempts: 186 } },
      "Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
    ],
    [
      'MaximumEventAgeInSeconds 59',
      { ...queueTarget('x'), RetryPolicy: { MaximumEventAgeInSeconds: 59 } },
      "Value '59' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    ],
    [
      'MaximumEventAgeInSeconds 86401',
      { ...queueTarget('x'), RetryPolicy: { MaximumEventAgeInSeconds: 86401 } },
      "Value '86401' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 86400",
    ],
    [
      'an Id outside the pattern',
      { ...queueTarget('x'), Id: 'a b' },
      "Value 'a b' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    ],
  ])('refuses %s with the model constraint', async (_case, target, message) => {
    const name = await rule();
    await expectEventsError(
      events().send(new PutTargetsCommand({ Rule: name, Targets: [target] })),
      'ValidationException',
      `1 validation error detected: ${message}`,
    );
  });

  it('refuses a rule or a bus that does not exist', async () => {
    await expectEventsError(
      events().send(new PutTargetsCommand({ Rule: 'ghost', Targets: [queueTarget('a')] })),
      'ResourceNotFoundException',
      'Rule ghost does not exist on EventBus default.',
    );
    await expectEventsError(
      events().send(
        new PutTargetsCommand({ Rule: 'ghost', EventBusName: 'nope', Targets: [queueTarget('a')] }),
      ),
      'ResourceNotFoundException',
      'Event bus nope does not exist.',
    );
  });
});

describe('RemoveTargets', () => {
  it('removes known Ids and reports unknown ones in FailedEntries', async () => {
    const name = await rule();
    await events().send(
      new PutTargetsCommand({ Rule: name, Targets: ['a', 'b', 'c'].map(queueTarget) }),
    );
    const out = await events().send(
      new RemoveTargetsCommand({ Rule: name, Ids: ['a', 'zz', 'c'] }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.FailedEntries).toEqual([
      {
        TargetId: 'zz',
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Rule ${name} does not have a target with the Id zz.`,
      },
    ]);
    expect(await targetsOf(name)).toEqual([queueTarget('b')]);
    const clean = await events().send(
      new RemoveTargetsCommand({ Rule: name, Ids: ['b'], Force: true }),
    );
    expect(clean.FailedEntryCount).toBe(0);
    expect(clean.FailedEntries).toEqual([]);
    expect(await targetsOf(name)).toEqual([]);
  });

  it('refuses a rule or a bus that does not exist', async () => {
    await expectEventsError(
      events().send(new RemoveTargetsCommand({ Rule: 'ghost', Ids: ['a'] })),
      'ResourceNotFoundException',
      'Rule ghost does not exist on EventBus default.',
    );
    await expectEventsError(
      events().send(new RemoveTargetsCommand({ Rule: 'ghost', Ids: ['a'], EventBusName: 'nope' })),
      'ResourceNotFoundException',
      'Event bus nope does not exist.',
    );
  });
});

describe('ListTargetsByRule', () => {
  it('pages through the targets in the order they were added', async () => {
    const name = await rule();
    const ids = ['e', 'a', 'd', 'b', 'c'];
    await events().send(new PutTargetsCommand({ Rule: name, Targets: ids.map(queueTarget) }));
    for (const Limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const out = await events().send(
          new ListTargetsByRuleCommand({ Rule: name, Limit, NextToken }),
        );
        seen.push(...(out.Targets ?? []).map((target) => target.Id ?? ''));
        NextToken = out.NextToken;
        pages += 1;
      } while (NextToken);
      expect(seen).toEqual(ids);
      expect(pages).toBe(Math.ceil(ids.length / Limit));
    }
  });

  it('refuses a rule that does not exist and a token it did not issue', async () => {
    await expectEventsError(
      events().send(new ListTargetsByRuleCommand({ Rule: 'ghost' })),
      'ResourceNotFoundException',
      'Rule ghost does not exist on EventBus default.',
    );
    const name = await rule();
    await expectEventsError(
      events().send(new ListTargetsByRuleCommand({ Rule: name, NextToken: 'garbage' })),
      'ValidationException',
      'Invalid NextToken',
    );
  });
});
