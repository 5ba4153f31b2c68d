/**
 * Rules an AWS service manages for the account. No API call creates one (ManagedBy is set
 * by AWS services only), so the suite stores one directly and drives the operations.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import type { RequestContext } from '../../../src/services/context.js';
import { isServiceError } from '../../../src/services/error.js';
import type { EventsOperations } from '../../../src/services/events/generated/types.js';
import { createEventsOperations } from '../../../src/services/events/operations.js';
import { RULES, ruleArn, ruleId, type RuleRecord } from '../../../src/services/events/records.js';
import type { OperationTable } from '../../../src/services/operation.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Scope, Store } from '../../../src/store/types.js';
import { eventsDeps } from './deps-fixtures.js';

const SCOPE: Scope = { accountId: '000000000000', region: 'us-east-1' };
const ctx: RequestContext = {
  requestId: 'test',
  ...SCOPE,
  caller: {
    accountId: SCOPE.accountId,
    arn: 'arn:aws:iam::000000000000:root',
    userId: SCOPE.accountId,
    accessKeyId: 'test',
    type: 'root',
  },
};
const MANAGER = 'ecs.amazonaws.com';
const ARN = ruleArn(SCOPE, 'default', 'managed');

let store: Store;
let ops: OperationTable<EventsOperations>;
let notices: number;

function op<K extends keyof EventsOperations>(name: K) {
  const fn = ops[name];
  if (!fn) throw new Error(`${name} is not implemented`);
  return (input: EventsOperations[K]['input']) => fn(input, ctx);
}

async function expectManaged(promise: Promise<unknown>, forceAllowed: boolean): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isServiceError(error)) throw new Error('expected a ServiceError');
  expect(error.code).toBe('ManagedRuleException');
  expect(error.status).toBe(400);
  expect(error.message).toBe(
    `Rule managed is managed by ${MANAGER} and cannot be modified${forceAllowed ? ' unless Force is true' : ''}.`,
  );
}

beforeEach(async () => {
  store = createMemoryStore();
  notices = 0;
  ops = createEventsOperations(
    eventsDeps({
      store,
      clock: createVirtualClock(Date.parse('2026-03-01T00:00:00Z')),
      onRuleChanged: () => {
        notices += 1;
      },
      deliver: () => Promise.resolve(),
    }),
  );
  const rule: RuleRecord = {
    name: 'managed',
    arn: ARN,
    eventBusName: 'default',
    eventPattern: '{"source":["aws.ecs"]}',
    state: 'ENABLED',
    managedBy: MANAGER,
    createdBy: SCOPE.accountId,
    tags: [],
    targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }],
    createdAt: 0,
  };
  await store.collection<RuleRecord>(RULES).put(SCOPE, ruleId('default', 'managed'), rule);
});

describe('a managed rule', () => {
  it('is described and listed with its ManagedBy', async () => {
    expect(await op('DescribeRule')({ Name: 'managed' })).toMatchObject({ ManagedBy: MANAGER });
    expect((await op('ListRules')({})).Rules?.[0]).toMatchObject({ ManagedBy: MANAGER });
  });

  it('cannot be changed by PutRule, EnableRule, DisableRule, PutTargets or tagging', async () => {
    await expectManaged(
      op('PutRule')({ Name: 'managed', EventPattern: '{"source":["a"]}' }),
      false,
    );
    await expectManaged(op('EnableRule')({ Name: 'managed' }), false);
    await expectManaged(op('DisableRule')({ Name: 'managed' }), false);
    await expectManaged(
      op('PutTargets')({
        Rule: 'managed',
        Targets: [{ Id: 'u', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }],
      }),
      false,
    );
    await expectManaged(
      op('TagResource')({ ResourceARN: ARN, Tags: [{ Key: 'a', Value: 'b' }] }),
      false,
    );
    await expectManaged(op('UntagResource')({ ResourceARN: ARN, TagKeys: ['a'] }), false);
    expect(notices).toBe(0);
  });

  it('loses targets and is deleted only with Force, targets and all', async () => {
    await expectManaged(op('RemoveTargets')({ Rule: 'managed', Ids: ['t'] }), true);
    await expectManaged(op('DeleteRule')({ Name: 'managed' }), true);
    await op('DeleteRule')({ Name: 'managed', Force: true });
    expect(notices).toBe(1);
    expect((await op('ListRules')({})).Rules).toEqual([]);
  });

  it('gives up a target with Force', async () => {
    const out = await op('RemoveTargets')({ Rule: 'managed', Ids: ['t'], Force: true });
    expect(out).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect((await op('ListTargetsByRule')({ Rule: 'managed' })).Targets).toEqual([]);
  });
});
