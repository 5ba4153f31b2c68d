/**
 * Callers' IAM under `--auth enforce`: before an operation runs, every permission it
 * needs is evaluated against the caller's policies (identity policies, permissions
 * boundary, session policies) on the IAM policy engine, as AWS evaluates them: an
 * explicit deny wins, then an allow is needed in every layer, else the request is
 * implicitly denied. The root user is never denied, as on AWS.
 */
import { decideIdentity } from '../../engine/iam-policy/index.js';
import type { Clock } from '../../engine/clock/types.js';
import type { Store } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import { ServiceError } from '../error.js';
import { CallerPolicyCache } from '../iam/caller-policies.js';
import { conditionContext } from './conditions.js';
import { denialError } from './denial.js';
import type { AnyAuthorize, Permission } from './permission.js';
import { onAnyResource } from './permission.js';
import { referenceAction } from './reference.js';

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

export interface CallerAuthorizer {
  /** Resolves when the caller may make the call; throws the service's denial otherwise. */
  authorize(call: AuthorizedCall): Promise<void>;
  /**
   * The same for permissions named directly (the console's own checks), denied as
   * `service` denies.
   */
  check(
    service: string,
    permissions: readonly Permission[],
    ctx: RequestContext,
    sourceIp?: string,
  ): Promise<void>;
}

export function createCallerAuthorizer(deps: { store: Store; clock: Clock }): CallerAuthorizer {
  const cache = new CallerPolicyCache(deps.store);

  async function check(
    service: string,
    permissions: readonly Permission[],
    ctx: RequestContext,
    sourceIp?: string,
  ): Promise<void> {
    const { caller } = ctx;
    if (caller.type === 'root' || permissions.length === 0) return;
    const policies = await cache.of(caller);
    const nowMs = deps.clock.nowMs();
    for (const permission of permissions) {
      if (!referenceAction(permission.action)) {
        throw new Error(`${permission.action} is no action of the authorization reference`);
      }
      const context = await conditionContext(permission, ctx, policies, {
        nowMs,
        ...(sourceIp !== undefined ? { sourceIp } : {}),
      });
      const verdict = decideIdentity(
        {
          principal: policies.principal,
          action: permission.action,
          resource: permission.resource,
          context,
        },
        policies.policies,
      );
      if (verdict.decision === 'Allow') continue;
      if (verdict.decision === 'ImplicitDeny' && permission.allowedWithoutIdentityPolicy) continue;
      throw denialError(
        service,
        {
          principalArn: caller.arn,
          action: permission.action,
          resource: permission.resource,
          explicit: verdict.decision === 'ExplicitDeny',
          layer: verdict.layer ?? 'identity',
        },
        permission.deniedMessage,
      );
    }
  }

  return {
    check,
    async authorize(call) {
      const { caller } = call.ctx;
      if (caller.type === 'root') return;
      if (caller.session?.kind === 'session-token' && call.service === 'iam') {
        // GetSessionToken's credentials cannot call IAM without MFA, which teiki does not
        // have; AWS answers as for an unknown token.
        throw new ServiceError({
          code: 'InvalidClientTokenId',
          status: 403,
          message: 'The security token included in the request is invalid',
        });
      }
      const authorize = call.table?.[call.operation];
      const permissions: readonly Permission[] = authorize
        ? await authorize(call.input, call.ctx)
        : [onAnyResource(`${call.actionPrefix}:${call.operation}`)];
      await check(call.service, permissions, call.ctx, call.sourceIp);
    },
  };
}
