/**
 * The resource side of PutEvents under `--auth enforce`: an event bus's policy decides
 * whether a principal of another account may put events on it (the bus policy must
 * allow, and no statement may deny), and an explicit Deny in it refuses callers of the
 * bus's own account too (whose allow comes from their identity policies, checked by the
 * gateway). Events carry `events:source` and `events:detail-type` as condition keys.
 * teiki has no AWS Organizations, so `aws:PrincipalOrgID` is never set and an
 * organization-wide permission lets no one in.
 *
 * Under `--auth open` nothing here is asked: open mode checks no caller, as it does not
 * check a role's trust policy on AssumeRole.
 */
import { evaluateTrust, type Principal } from '../../../engine/iam-policy/index.js';
import type { CallerIdentity } from '../../context.js';
import { AccessDeniedException } from '../generated/errors.js';
import type { EventBusRecord } from '../records.js';

export interface PutEventsAccess {
  bus: EventBusRecord | undefined;
  busArn: string;
  /** The bus belongs to another account than the caller's. */
  crossAccount: boolean;
  source: string;
  detailType: string;
}

function principalOf(caller: CallerIdentity): Principal {
  return { kind: 'aws', arn: caller.arn, accountId: caller.accountId, userId: caller.userId };
}

/** Throws AWS's AccessDeniedException when the bus's policy does not let the caller put the event. */
export function checkPutEventsAccess(caller: CallerIdentity, access: PutEventsAccess): void {
  const policy = access.bus?.policy;
  const denied = (reason: string) =>
    new AccessDeniedException(
      `User: ${caller.arn} is not authorized to perform: events:PutEvents on resource: ${access.busArn} ${reason}`,
    );
  if (policy === undefined) {
    if (access.crossAccount)
      throw denied('because no resource-based policy allows the events:PutEvents action');
    return;
  }
  const decision = evaluateTrust(
    { source: `${access.busArn} resource policy`, document: policy },
    {
      principal: principalOf(caller),
      action: 'events:PutEvents',
      resource: access.busArn,
      context: { 'events:source': access.source, 'events:detail-type': access.detailType },
    },
  );
  if (decision.decision === 'ExplicitDeny') {
    throw denied('with an explicit deny in a resource-based policy');
  }
  if (access.crossAccount && decision.decision !== 'Allow') {
    throw denied('because no resource-based policy allows the events:PutEvents action');
  }
}
