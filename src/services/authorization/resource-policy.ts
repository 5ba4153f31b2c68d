/**
 * A caller's identity decision combined with a resource's own policy (an event bus's), as
 * AWS's policy evaluation logic combines them: an explicit deny in either refuses; within
 * the resource's account an allow in either admits; from another account the caller's
 * identity policies and the resource's policy must both allow.
 */
import {
  evaluateTrust,
  type ConditionContext,
  type LayeredDecision,
  type Principal,
} from '../../engine/iam-policy/index.js';
import type { DenyingPolicy } from './denial.js';
import type { Permission } from './permission.js';

export type Verdict =
  { allowed: true } | { allowed: false; explicit: boolean; layer: DenyingPolicy };

/**
 * `identity` is the caller's layered decision, or undefined for the root user (whose own
 * account's policies never deny it); `document` the resource's policy, read beforehand
 * when the permission has one (undefined: the resource has none).
 */
export function decidePermission(
  permission: Permission,
  identity: LayeredDecision | undefined,
  document: string | undefined,
  request: {
    principal: Principal;
    callerAccountId: string;
    /** Built only when a resource policy is evaluated. */
    context: () => ConditionContext;
  },
): Verdict {
  if (identity?.decision === 'ExplicitDeny') {
    return { allowed: false, explicit: true, layer: identity.layer ?? 'identity' };
  }
  const identityDenied: Verdict = {
    allowed: false,
    explicit: false,
    layer: identity?.layer ?? 'identity',
  };
  const identityAllows = identity === undefined || identity.decision === 'Allow';
  const resourcePolicy = permission.resourcePolicy;
  if (!resourcePolicy) {
    return identityAllows || permission.allowedWithoutIdentityPolicy
      ? { allowed: true }
      : identityDenied;
  }
  const resource = document
    ? evaluateTrust(
        { source: `${permission.resource} resource policy`, document },
        {
          principal: request.principal,
          action: permission.action,
          resource: permission.resource,
          context: request.context(),
        },
      ).decision
    : 'ImplicitDeny';
  if (resource === 'ExplicitDeny') return { allowed: false, explicit: true, layer: 'resource' };
  if (resourcePolicy.accountId !== request.callerAccountId) {
    if (!identityAllows) return identityDenied;
    return resource === 'Allow'
      ? { allowed: true }
      : { allowed: false, explicit: false, layer: 'resource' };
  }
  return identityAllows || resource === 'Allow' ? { allowed: true } : identityDenied;
}

/** Whether a resource policy of another account than the caller's decides a permission. */
export function decidedAcrossAccounts(permission: Permission, callerAccountId: string): boolean {
  const accountId = permission.resourcePolicy?.accountId;
  return accountId !== undefined && accountId !== callerAccountId;
}
