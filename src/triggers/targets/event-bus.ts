/**
 * An event bus as a target: Scheduler's templated EventBridge target (the target's Input
 * becomes the detail of a new event with the EventBridgeParameters' Source and
 * DetailType), and a rule's event bus target (the event itself goes on to the other bus).
 * Either way the target's role must trust the service and allow events:PutEvents on the
 * bus, and a bus of another account must allow it in its own policy (PutPermission); then the event meets that bus's rules as a PutEvents would, so a schedule can reach
 * an API destination through a bus.
 */
import { randomUUID } from 'node:crypto';
import type { CallerAuthorizer } from '../../services/authorization/authorizer.js';
import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import { findBus } from '../../services/events/buses.js';
import { eventTime } from '../../services/events/put-events.js';
import type { BusEvent } from '../../services/events/records.js';
import { authorizeRoleAction } from '../role-session.js';
import { TargetError } from '../target-error.js';

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/([^/]+)$/;

export function isEventBusArn(arn: string): boolean {
  return BUS_ARN.test(arn);
}

export type DeliverToBus = (scope: Scope, busName: string, events: BusEvent[]) => Promise<void>;

export interface EventBusDeps {
  store: Store;
  clock: Clock;
  deliver: DeliverToBus;
  /** The callers' authorizer: the role's session is asked as a caller is. */
  authorizer: CallerAuthorizer;
}

/** Scheduler's EventBridgeParameters. */
export interface EventBridgeParameters {
  DetailType: string;
  Source: string;
}

function detailOf(input: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TargetError('MalformedDetail', 'Detail is malformed.');
  }
  return parsed as Record<string, unknown>;
}

export async function invokeEventBusTarget(
  deps: EventBusDeps,
  call: {
    scope: Scope;
    arn: string;
    roleArn: string | undefined;
    servicePrincipal: string;
    /** A schedule's parameters: a new event from the input. */
    parameters?: EventBridgeParameters;
    input: string;
    /** A rule's event, forwarded as it is. */
    event: unknown;
  },
): Promise<void> {
  const match = BUS_ARN.exec(call.arn);
  if (!match)
    throw new TargetError('InvalidParameterException', `${call.arn} is not an event bus.`);
  const busScope: Scope = { region: match[1] as string, accountId: match[2] as string };
  const busName = match[3] as string;
  const event: BusEvent = call.parameters
    ? {
        version: '0',
        id: randomUUID(),
        'detail-type': call.parameters.DetailType,
        source: call.parameters.Source,
        account: call.scope.accountId,
        time: eventTime(deps.clock.nowMs()),
        region: busScope.region,
        resources: [],
        detail: detailOf(call.input),
      }
    : (call.event as BusEvent);
  if (!call.roleArn) {
    throw new TargetError('AccessDeniedException', 'The target has no RoleArn to put events with.');
  }
  const authorization = await authorizeRoleAction(deps, {
    scope: call.scope,
    roleArn: call.roleArn,
    servicePrincipal: call.servicePrincipal,
    action: 'events:PutEvents',
    resource: call.arn,
    context: { 'events:source': event.source, 'events:detail-type': event['detail-type'] },
    // The receiving bus's policy decides too: from another account it must allow the role.
    resourcePolicy: {
      accountId: busScope.accountId,
      document: async () => (await findBus(deps.store, busScope, busName))?.policy,
    },
  });
  if (!authorization.allowed) throw new TargetError('AccessDeniedException', authorization.reason);
  if (event.source.startsWith('aws.') && call.parameters) {
    throw new TargetError('NotAuthorizedForSourceException', 'Not authorized for the source.');
  }
  if (!(await findBus(deps.store, busScope, busName))) {
    throw new TargetError('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  }
  await deps.deliver(busScope, busName, [event]);
}
