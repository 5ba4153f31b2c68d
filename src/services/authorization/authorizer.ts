/**
 * Callers' IAM under `--auth enforce`: before an operation runs, every permission it
 * needs is evaluated against the caller's policies (identity policies, permissions
 * boundary, session policies) on the IAM policy engine, as AWS evaluates them: an
 * explicit deny wins, then an allow is needed in every layer, else the request is
 * implicitly denied. The root user is never denied by its own account, as on AWS. A
 * permission may carry the resource's own policy (an event bus's), which decides with the
 * caller's policies (resource-policy.ts), also for another account's root user.
 */
import { decideIdentityRemembered, type ConditionContext } from '../../engine/iam-policy/index.js';
import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import { ServiceError } from '../error.js';
import { CallerPolicyCache, type CallerPolicies } from '../iam/caller-policies.js';
import {
  conditionContext,
  requestContext,
  resourceTagPrefixes,
  type RequestFacts,
} from './conditions.js';
import { denialError } from './denial.js';
import { decidesWithResourcePolicy, type AnyAuthorize, type Permission } from './permission.js';
import { onAnyResource } from './permission.js';
import { referenceAction } from './reference.js';
import { decidedAcrossAccounts, decidePermission } from './resource-policy.js';

/** One call as the authorizer sees it: which service and operation, with what input. */
export interface AuthorizedCall {
  /** The service's model name (`ecs`, `iam`…): it picks the denial's code. */
  service: string;
  /** The IAM service prefix of its actions (`ecs`, `iam`…). */
  actionPrefix: string;
  operation: string;
  /** The service's authorizers; an operation missing from them needs `prefix:Operation` on `*`. */
  table: Readonly<Record<string, AnyAuthorize>> | undefined;
  input: Record<string, unknown>;
  ctx: RequestContext;
  sourceIp?: string;
}

/**
 * Undefined when the call was allowed without waiting (the caller's policies were kept and
 * no resource's tags had to be read: the usual case); else a promise that settles the same
 * way. A denial is thrown, or rejects the promise. Every await costs a request time, so
 * the gateway awaits only what is pending.
 */
export type Pending = Promise<void> | undefined;

export interface CallerAuthorizer {
  /** Settles when the caller may make the call; throws the service's denial otherwise. */
  authorize(call: AuthorizedCall): Pending;
  /**
   * The same for permissions named directly (the console's own checks), denied as
   * `service` denies.
   */
  check(
    service: string,
    permissions: readonly Permission[],
    ctx: RequestContext,
    sourceIp?: string,
  ): Pending;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

export function createCallerAuthorizer(deps: { store: Store; clock: Clock }): CallerAuthorizer {
  const cache = new CallerPolicyCache(deps.store);

  /**
   * Throws the service's denial unless the caller's policies allow the permission. The
   * context is built only when the decision reads it: a caller's same question with the
   * same answer (memo.ts) needs none.
   */
  function decide(
    service: string,
    permission: Permission,
    caller: RequestContext['caller'],
    policies: CallerPolicies,
    context: () => ConditionContext,
    resourceDocument: string | undefined,
  ): void {
    const identity =
      caller.type === 'root'
        ? undefined
        : decideIdentityRemembered(
            {
              principal: policies.principal,
              action: permission.action,
              resource: permission.resource,
              context,
            },
            policies.policies,
          );
    const verdict = decidePermission(permission, identity, resourceDocument, {
      principal: policies.principal,
      callerAccountId: caller.accountId,
      context,
    });
    if (verdict.allowed) return;
    throw denialError(
      service,
      {
        principalArn: caller.arn,
        action: permission.action,
        resource: permission.resource,
        explicit: verdict.explicit,
        layer: verdict.layer,
      },
      permission.deniedMessage,
    );
  }

  /**
   * Decides permissions[from…] in order, waiting only for a context that must read tags or
   * a resource's own policy.
   */
  function decideFrom(
    service: string,
    permissions: readonly Permission[],
    from: number,
    ctx: RequestContext,
    policies: CallerPolicies,
    facts: RequestFacts,
  ): Pending {
    for (let i = from; i < permissions.length; i++) {
      const permission = permissions[i]!;
      if (!referenceAction(permission.action)) {
        throw new Error(`${permission.action} is no action of the authorization reference`);
      }
      const document = permission.resourcePolicy?.document();
      if (document || resourceTagPrefixes(permission, policies).length > 0) {
        const context = conditionContext(permission, ctx, policies, facts);
        return Promise.all([context, document]).then(([read, policy]) => {
          decide(service, permission, ctx.caller, policies, () => read, policy);
          return decideFrom(service, permissions, i + 1, ctx, policies, facts);
        });
      }
      let built: ConditionContext | undefined;
      const context = () => (built ??= requestContext(permission, ctx, policies, facts));
      decide(service, permission, ctx.caller, policies, context, undefined);
    }
    return undefined;
  }

  function check(
    service: string,
    permissions: readonly Permission[],
    ctx: RequestContext,
    sourceIp?: string,
  ): Pending {
    const { caller } = ctx;
    if (permissions.length === 0) return undefined;
    // Root's own account never denies it; another account's resource policy still decides.
    const root = caller.type === 'root';
    if (root && !permissions.some((p) => decidedAcrossAccounts(p, caller.accountId))) {
      return undefined;
    }
    const facts: RequestFacts = {
      nowMs: deps.clock.nowMs(),
      ...(sourceIp !== undefined ? { sourceIp } : {}),
    };
    const kept = cache.peek(caller);
    if (kept) return decideFrom(service, permissions, 0, ctx, kept, facts);
    return cache
      .of(caller)
      .then((policies) => decideFrom(service, permissions, 0, ctx, policies, facts));
  }

  return {
    check,
    authorize(call) {
      const { caller } = call.ctx;
      const authorize = call.table?.[call.operation];
      // The root user's calls are not even mapped, unless a resource policy may decide them.
      if (caller.type === 'root' && !(authorize && decidesWithResourcePolicy(authorize))) {
        return undefined;
      }
      if (caller.session?.kind === 'session-token' && call.service === 'iam') {
        // GetSessionToken's credentials cannot call IAM without MFA, which teiki does not
        // have; AWS answers as for an unknown token.
        throw new ServiceError({
          code: 'InvalidClientTokenId',
          status: 403,
          message: 'The security token included in the request is invalid',
        });
      }
      const permissions: readonly Permission[] | Promise<Permission[]> = authorize
        ? authorize(call.input, call.ctx)
        : [onAnyResource(`${call.actionPrefix}:${call.operation}`)];
      return isPromise(permissions)
        ? permissions.then((named) => check(call.service, named, call.ctx, call.sourceIp))
        : check(call.service, permissions, call.ctx, call.sourceIp);
    },
  };
}
