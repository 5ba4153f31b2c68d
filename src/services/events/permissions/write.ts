/**
 * PutPermission and RemovePermission: the bus's resource policy, changed in place on the
 * bus record (DescribeEventBus answers it as `Policy`). The `default` bus is stored once it
 * has a policy, as it is once it has tags.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { requireBus } from '../buses.js';
import type { EventsDeps } from '../deps.js';
import type { PutPermissionRequest, RemovePermissionRequest } from '../generated/types.js';
import { DEFAULT_BUS, EVENT_BUSES, type EventBusRecord } from '../records.js';
import {
  actionNotSupported,
  conditionNeedsEveryone,
  conditionNotSupported,
  invalidJson,
  noPolicy,
  noStatement,
  policyCombined,
  principalRequired,
  statementIdRequired,
  tooLong,
} from './errors.js';
import {
  MAX_POLICY_BYTES,
  parsePolicy,
  shorthandStatement,
  withStatement,
  type PolicyDocument,
} from './policy.js';
import { scopeOf } from '../../context.js';

type Empty = Record<string, never>;

async function changePolicy(
  deps: EventsDeps,
  scope: Scope,
  busName: string,
  change: (policy: PolicyDocument | undefined, bus: EventBusRecord) => PolicyDocument | undefined,
): Promise<void> {
  await deps.store.transaction(async (tx: StoreSession) => {
    const bus = await requireBus(tx, scope, busName);
    const next = change(parsePolicy(bus.policy), bus);
    const { policy: _old, ...rest } = bus;
    let text: string | undefined;
    if (next && next.Statement.length > 0) {
      text = JSON.stringify(next);
      if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) throw tooLong();
    }
    const stored: EventBusRecord = {
      ...rest,
      ...(text !== undefined ? { policy: text } : {}),
      ...(bus.creationTime !== 0 ? { lastModifiedTime: deps.clock.nowMs() } : {}),
    };
    await tx.collection<EventBusRecord>(EVENT_BUSES).put(scope, bus.name, stored);
  });
}

export async function putPermission(
  deps: EventsDeps,
  input: PutPermissionRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  const busName = input.EventBusName ?? DEFAULT_BUS;
  if (input.Policy !== undefined) {
    const shorthand = [input.Action, input.Principal, input.StatementId, input.Condition];
    if (shorthand.some((member) => member !== undefined)) throw policyCombined();
    const policy = parsePolicy(input.Policy);
    if (!policy) throw invalidJson();
    await changePolicy(deps, scope, busName, () => policy);
    return {};
  }
  if (input.Principal === undefined) throw principalRequired();
  if (input.Action !== 'events:PutEvents') throw actionNotSupported();
  if (input.StatementId === undefined) throw statementIdRequired();
  const condition = input.Condition;
  if (condition) {
    if (input.Principal !== '*') throw conditionNeedsEveryone();
    if (condition.Type !== 'StringEquals') throw conditionNotSupported('type');
    if (condition.Key !== 'aws:PrincipalOrgID') throw conditionNotSupported('key');
  }
  const statementId = input.StatementId;
  const principal = input.Principal;
  await changePolicy(deps, scope, busName, (policy, bus) =>
    withStatement(
      policy,
      shorthandStatement(bus.arn, {
        statementId,
        principal,
        ...(condition ? { condition } : {}),
      }),
    ),
  );
  return {};
}

export async function removePermission(
  deps: EventsDeps,
  input: RemovePermissionRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  const busName = input.EventBusName ?? DEFAULT_BUS;
  if (input.RemoveAllPermissions === true) {
    await changePolicy(deps, scope, busName, () => undefined);
    return {};
  }
  if (input.StatementId === undefined) throw statementIdRequired();
  const statementId = input.StatementId;
  await changePolicy(deps, scope, busName, (policy) => {
    if (!policy || policy.Statement.length === 0) throw noPolicy();
    const kept = policy.Statement.filter((statement) => statement.Sid !== statementId);
    if (kept.length === policy.Statement.length) throw noStatement();
    return { ...policy, Statement: kept };
  });
  return {};
}
