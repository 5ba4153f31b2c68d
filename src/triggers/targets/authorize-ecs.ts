/**
 * What AWS checks before EventBridge (or Scheduler) starts an ECS task for a target: the
 * target's role must trust the service principal, and its policies must allow
 * `ecs:RunTask` on the task definition ARN with its revision (since March 2024 a policy
 * naming the family without revision or `:*` no longer covers it) and `iam:PassRole` on
 * the task's execution and task roles; when the task is to be tagged at creation (tags,
 * propagated tags, ECS managed tags), `ecs:TagResource` on the new task with
 * `ecs:CreateAction` = `RunTask`. A denial carries a sentence a user can act on; the
 * tagging one is worded as ECS words it, since ECS itself refuses the RunTask.
 */
import { randomBytes } from 'node:crypto';
import type { Decision, DecidingStatement, NamedPolicy } from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import { TASKS_PRINCIPAL } from '../../services/ecs/authorization-parts.js';
import { taskRoleVerdict } from '../../services/ecs/tasks/task-role.js';
import { roleSession, type Authorization } from '../role-session.js';

export type { Authorization } from '../role-session.js';

export interface EcsTargetPermissions {
  roleArn: string;
  /** `events.amazonaws.com` for rules, `scheduler.amazonaws.com` for schedules. */
  servicePrincipal: string;
  /** The resolved task definition, revision included. */
  taskDefinitionArn: string;
  clusterArn: string;
  /** The task's execution and task roles, from the definition or the overrides. */
  passedRoles: string[];
  /** Whether RunTask will tag the task it creates (tags, propagated or managed tags). */
  tagsOnCreate?: boolean;
}

/** One question asked before RunTask, with its answer (the console shows each). */
export interface EcsTargetCheck {
  action: 'sts:AssumeRole' | 'ecs:RunTask' | 'iam:PassRole' | 'ecs:TagResource';
  resource: string;
  allowed: boolean;
  /** The sentence a denial is reported with; for an allow, the engine's reason. */
  reason: string;
  /** The statement that allowed or explicitly denied, with its JSON; absent for an implicit deny. */
  statement?: DecidingStatement & { json: unknown };
  /** Who asks, when it is not the target's service: ECS assuming the task role. */
  principal?: string;
  /** The error the invocation fails with when this check denies. */
  deniedWith: 'AccessDeniedException' | 'ClientException';
}

/**
 * Every check a target's role goes through, in the order AWS makes them, each answered
 * even after one fails; undefined when the role does not exist.
 */
export async function checkEcsTarget(
  store: Store,
  request: EcsTargetPermissions,
): Promise<EcsTargetCheck[] | undefined> {
  const session = await roleSession(store, request.roleArn, request.servicePrincipal);
  if (!session) return undefined;
  const { role, trustPolicy, trust, identityPolicies, everyPolicy, principal, ask } = session;
  const checks: EcsTargetCheck[] = [
    checkOf(
      'sts:AssumeRole',
      role.arn,
      trust,
      [trustPolicy],
      (why) => `role ${role.roleName} does not trust ${request.servicePrincipal}: ${why}`,
    ),
  ];

  const runTask = ask('ecs:RunTask', request.taskDefinitionArn, {
    'ecs:cluster': request.clusterArn,
  });
  checks.push(
    checkOf('ecs:RunTask', request.taskDefinitionArn, runTask, everyPolicy, (why) => {
      const hint = revisionlessGrant(identityPolicies, request.taskDefinitionArn);
      return (
        `role ${role.roleName} may not ecs:RunTask on ${request.taskDefinitionArn}: ` +
        (hint
          ? `its policy allows ${hint} (no revision), which ECS has not accepted since March 2024; name the revision or end the ARN with :*`
          : why)
      );
    }),
  );
  for (const passed of request.passedRoles) {
    const pass = ask('iam:PassRole', passed, {
      'iam:PassedToService': 'ecs-tasks.amazonaws.com',
    });
    checks.push(
      checkOf(
        'iam:PassRole',
        passed,
        pass,
        everyPolicy,
        (why) => `role ${role.roleName} may not iam:PassRole ${passed}: ${why}`,
      ),
    );
  }
  if (request.tagsOnCreate) {
    // The task does not exist yet: ECS asks about the ARN it is about to give it.
    const taskArn = `${request.clusterArn.replace(':cluster/', ':task/')}/${randomBytes(16).toString('hex')}`;
    const tag = ask('ecs:TagResource', taskArn, {
      'ecs:CreateAction': 'RunTask',
      'ecs:cluster': request.clusterArn,
    });
    checks.push(
      checkOf('ecs:TagResource', taskArn, tag, everyPolicy, () =>
        notAuthorized(principal.arn, 'ecs:TagResource', taskArn, tag),
      ),
    );
  }
  return checks;
}

/**
 * Whether ECS can assume the task's role, the check RunTask itself makes once the target
 * has called it (taskRoleVerdict, services/ecs/tasks/task-role.ts): a role that does not
 * exist or does not trust ecs-tasks.amazonaws.com fails the invocation with RunTask's
 * ClientException and ECS's sentence. Not part of checkEcsTarget: RunTask answers it.
 */
export async function checkTaskRoleTrust(
  store: Store,
  taskRoleArn: string,
): Promise<EcsTargetCheck> {
  const verdict = await taskRoleVerdict(store, taskRoleArn);
  const { trust } = verdict;
  const statement = trust?.decision.statement && {
    ...trust.decision.statement,
    json: statementJson([trust.trustPolicy], trust.decision.statement),
  };
  return {
    action: 'sts:AssumeRole',
    resource: taskRoleArn,
    allowed: verdict.allowed,
    reason: verdict.reason,
    ...(statement ? { statement } : {}),
    principal: TASKS_PRINCIPAL,
    deniedWith: 'ClientException',
  };
}

export async function authorizeEcsTarget(
  store: Store,
  request: EcsTargetPermissions,
): Promise<Authorization> {
  const checks = await checkEcsTarget(store, request);
  if (!checks) return { allowed: false, reason: `role ${request.roleArn} does not exist` };
  const denied = checks.find((check) => !check.allowed);
  return denied ? { allowed: false, reason: denied.reason } : { allowed: true };
}

/** ECS's AccessDeniedException text for a denied action of an assumed-role session. */
function notAuthorized(
  principalArn: string,
  action: string,
  resource: string,
  decision: Decision,
): string {
  const why =
    decision.decision === 'ExplicitDeny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

function checkOf(
  action: EcsTargetCheck['action'],
  resource: string,
  decision: Decision,
  policies: readonly NamedPolicy[],
  deniedReason: (why: string) => string,
): EcsTargetCheck {
  const allowed = decision.decision === 'Allow';
  const statement = decision.statement && {
    ...decision.statement,
    json: statementJson(policies, decision.statement),
  };
  return {
    action,
    resource,
    allowed,
    reason: allowed ? decision.reason : deniedReason(decision.reason),
    ...(statement ? { statement } : {}),
    deniedWith: 'AccessDeniedException',
  };
}

/** The deciding statement's JSON, found by the policy it came from and its position. */
function statementJson(policies: readonly NamedPolicy[], deciding: DecidingStatement): unknown {
  const policy = policies.find((p) => p.source === deciding.source);
  return policy ? statementsOf(policy.document)[deciding.index] : undefined;
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
