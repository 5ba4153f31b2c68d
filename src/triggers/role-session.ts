/**
 * A target's role as the service that assumes it sees it: does its trust policy let the
 * service principal in, and what may the session do. Every target kind that acts as a
 * role (ECS, API destinations, event buses, Scheduler's universal targets) asks here, on
 * the IAM policy engine, also under `--auth open` (a role is the user's configuration,
 * which AWS would refuse). The session's permissions are asked of the callers' authorizer
 * (services/authorization), as a caller's are: the same policies gathered, the same
 * request context, the same condition keys kept, the same denial sentence.
 */
import { randomUUID } from 'node:crypto';
import {
  evaluateIdentity,
  type ConditionContext,
  type Decision,
  type NamedPolicy,
} from '../engine/iam-policy/index.js';
import type { Scope, Store } from '../store/types.js';
import type { CallerAuthorizer } from '../services/authorization/authorizer.js';
import type { ResourcePolicy } from '../services/authorization/permission.js';
import { serviceTrust } from '../services/authorization/trust.js';
import type { RequestContext } from '../services/context.js';
import { isServiceError } from '../services/error.js';
import { boundaryDocumentOf, policyDocumentsOf } from '../services/iam/policy-documents.js';
import type { RoleRecord } from '../services/iam/records.js';
import { parseRoleArn } from '../services/sts/roles.js';

export interface RoleSession {
  role: RoleRecord;
  trustPolicy: NamedPolicy;
  /** The trust policy's answer to the service principal's sts:AssumeRole. */
  trust: Decision;
  identityPolicies: NamedPolicy[];
  /** The identity policies and the permissions boundary, when there is one. */
  everyPolicy: NamedPolicy[];
  /** The session's principal (`…:assumed-role/ROLE/events`). */
  principal: { kind: 'aws'; arn: string; accountId: string; userId: string; roleArn: string };
  /** What the session may do: the role's policies (and boundary) on one request. */
  ask: (action: string, resource: string, context?: ConditionContext) => Decision;
}

/** The session name AWS gives: the service principal's first label (`events`, `scheduler`). */
export function sessionNameOf(servicePrincipal: string): string {
  return servicePrincipal.split('.')[0] ?? 'events';
}

/** The role's session, or undefined when the role does not exist. */
export async function roleSession(
  store: Store,
  roleArn: string,
  servicePrincipal: string,
  trustContext?: ConditionContext,
): Promise<RoleSession | undefined> {
  const found = await serviceTrust(store, roleArn, servicePrincipal, trustContext);
  if (!found) return undefined;
  const { role, trustPolicy, decision: trust } = found;
  const parsed = { accountId: found.accountId, roleName: role.roleName };
  const identityPolicies = await policyDocumentsOf(store, parsed.accountId, role);
  const boundary = await boundaryDocumentOf(store, parsed.accountId, role);
  const session = sessionNameOf(servicePrincipal);
  const principal = {
    kind: 'aws' as const,
    arn: `arn:aws:sts::${parsed.accountId}:assumed-role/${role.roleName}/${session}`,
    accountId: parsed.accountId,
    userId: `${role.roleId}:${session}`,
    roleArn: role.arn,
  };
  return {
    role,
    trustPolicy,
    trust,
    identityPolicies,
    principal,
    everyPolicy: [...identityPolicies, ...(boundary ? [boundary] : [])],
    ask: (action, resource, context = {}) =>
      evaluateIdentity(
        { principal, action, resource, context },
        { identityPolicies, ...(boundary ? { boundary } : {}) },
      ),
  };
}

export type Authorization = { allowed: true } | { allowed: false; reason: string };

/** A request made by the target's role, as a session of the service that assumed it. */
export function callerContext(
  scope: Scope,
  roleArn: string,
  servicePrincipal: string,
): RequestContext {
  const roleName = parseRoleArn(roleArn)?.roleName ?? 'role';
  const session = sessionNameOf(servicePrincipal);
  return {
    requestId: randomUUID(),
    accountId: scope.accountId,
    region: scope.region,
    caller: {
      accountId: scope.accountId,
      arn: `arn:aws:sts::${scope.accountId}:assumed-role/${roleName}/${session}`,
      userId: `AROA:${session}`,
      // No key: the service holds the session's credentials, never a caller.
      accessKeyId: '',
      type: 'assumed-role',
    },
  };
}

/**
 * One action a target's role must be allowed: the trust first, then the permission, on
 * the callers' authorizer. A denial says what to change in words a user can act on.
 */
export async function authorizeRoleAction(
  deps: { store: Store; authorizer: CallerAuthorizer },
  request: {
    scope: Scope;
    roleArn: string;
    servicePrincipal: string;
    action: string;
    resource: string;
    context?: ConditionContext;
    /** The resource's own policy, where it decides too (another account's event bus). */
    resourcePolicy?: ResourcePolicy;
  },
): Promise<Authorization> {
  const session = await roleSession(deps.store, request.roleArn, request.servicePrincipal);
  if (!session) return { allowed: false, reason: `role ${request.roleArn} does not exist` };
  if (session.trust.decision !== 'Allow') {
    return {
      allowed: false,
      reason: `role ${session.role.roleName} does not trust ${request.servicePrincipal}: ${session.trust.reason}`,
    };
  }
  const service = request.action.slice(0, request.action.indexOf(':'));
  try {
    await deps.authorizer.check(
      service,
      [
        {
          action: request.action,
          resource: request.resource,
          ...(request.context ? { context: request.context } : {}),
          ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
        },
      ],
      callerContext(request.scope, session.role.arn, request.servicePrincipal),
    );
    return { allowed: true };
  } catch (error) {
    if (isServiceError(error)) return { allowed: false, reason: error.message };
    throw error;
  }
}
