/**
 * What AWS checks before EventBridge (or Scheduler) starts an ECS task for a target: the
 * target's role must trust the service principal, and its policies must allow
 * `ecs:RunTask` on the task definition ARN with its revision (since March 2024 a policy
 * naming the family without revision or `:*` no longer covers it) and `iam:PassRole` on
 * the task's execution and task roles. A denial carries a sentence a user can act on.
 */
import {
  evaluateIdentity,
  evaluateTrust,
  type NamedPolicy,
} from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import { boundaryDocumentOf, policyDocumentsOf } from '../iam/policy-documents.js';
import { findRole } from '../iam/role-records.js';
import { parseRoleArn } from '../sts/roles.js';

export interface EcsTargetPermissions {
  roleArn: string;
  /** `events.amazonaws.com` for rules, `scheduler.amazonaws.com` for schedules. */
  servicePrincipal: string;
  /** The resolved task definition, revision included. */
  taskDefinitionArn: string;
  clusterArn: string;
  /** The task's execution and task roles, from the definition or the overrides. */
  passedRoles: string[];
}

export type Authorization = { allowed: true } | { allowed: false; reason: string };

export async function authorizeEcsTarget(
  store: Store,
  request: EcsTargetPermissions,
): Promise<Authorization> {
  const parsed = parseRoleArn(request.roleArn);
  const role = parsed && (await findRole(store, parsed.accountId, parsed.roleName));
  if (!parsed || !role) {
    return { allowed: false, reason: `role ${request.roleArn} does not exist` };
  }
  const trust = evaluateTrust(
    { source: `${role.arn} trust policy`, document: role.assumeRolePolicyDocument },
    {
      principal: { kind: 'service', service: request.servicePrincipal },
      action: 'sts:AssumeRole',
      resource: role.arn,
    },
  );
  if (trust.decision !== 'Allow') {
    return {
      allowed: false,
      reason: `role ${role.roleName} does not trust ${request.servicePrincipal}: ${trust.reason}`,
    };
  }

  const identityPolicies = await policyDocumentsOf(store, parsed.accountId, role);
  const boundary = await boundaryDocumentOf(store, parsed.accountId, role);
  const principal = {
    kind: 'aws' as const,
    arn: `arn:aws:sts::${parsed.accountId}:assumed-role/${role.roleName}/${sessionName(request)}`,
    accountId: parsed.accountId,
    userId: `${role.roleId}:${sessionName(request)}`,
    roleArn: role.arn,
  };
  const ask = (action: string, resource: string, context: Record<string, string>) =>
    evaluateIdentity(
      { principal, action, resource, context },
      { identityPolicies, ...(boundary ? { boundary } : {}) },
    );

  const runTask = ask('ecs:RunTask', request.taskDefinitionArn, {
    'ecs:cluster': request.clusterArn,
  });
  if (runTask.decision !== 'Allow') {
    const hint = revisionlessGrant(identityPolicies, request.taskDefinitionArn);
    return {
      allowed: false,
      reason:
        `role ${role.roleName} may not ecs:RunTask on ${request.taskDefinitionArn}: ` +
        (hint
          ? `its policy allows ${hint} (no revision), which ECS has not accepted since March 2024; name the revision or end the ARN with :*`
          : runTask.reason),
    };
  }
  for (const passed of request.passedRoles) {
    const pass = ask('iam:PassRole', passed, {
      'iam:PassedToService': 'ecs-tasks.amazonaws.com',
    });
    if (pass.decision !== 'Allow') {
      return {
        allowed: false,
        reason: `role ${role.roleName} may not iam:PassRole ${passed}: ${pass.reason}`,
      };
    }
  }
  return { allowed: true };
}

function sessionName(request: EcsTargetPermissions): string {
  return request.servicePrincipal.split('.')[0] ?? 'events';
}

/**
 * The revision-less task definition ARN a policy grants ecs:RunTask on, when that is why
 * it was denied: the article's policy is written that way.
 */
function revisionlessGrant(policies: readonly NamedPolicy[], taskDefinitionArn: string) {
  const family = taskDefinitionArn.replace(/:\d+$/, '');
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      const actions = list(statement.Action).map((a) => a.toLowerCase());
      const grantsRunTask = actions.some((a) => a === 'ecs:runtask' || a === 'ecs:*' || a === '*');
      if (
        statement.Effect === 'Allow' &&
        grantsRunTask &&
        list(statement.Resource).includes(family)
      ) {
        return family;
      }
    }
  }
  return undefined;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

function statementsOf(document: string): Statement[] {
  try {
    const parsed = JSON.parse(document) as { Statement?: Statement | Statement[] };
    return Array.isArray(parsed.Statement)
      ? parsed.Statement
      : parsed.Statement
        ? [parsed.Statement]
        : [];
  } catch {
    return [];
  }
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
