/**
 * POST /_teiki/api/iam/can-run: "can this role run this task?", answered by the very
 * checks an EventBridge or Scheduler ECS target goes through before RunTask
 * (checkEcsTarget, on the IAM policy engine), then RunTask's own question, whether ECS
 * can assume the task role (taskRoleVerdict), each with the statement that decided it.
 * Under `--auth enforce` the asker needs iam:SimulatePrincipalPolicy on the role.
 */
import { randomUUID } from 'node:crypto';
import { AdminError, json, readJson } from '../../../../gateway/admin/routes.js';
import type { WireResponse } from '../../../../gateway/protocols/types.js';
import { clusterArnOf, DEFAULT_CLUSTER } from '../../../../services/ecs/clusters/lookup.js';
import { parseRoleArn } from '../../../../services/sts/roles.js';
import type { EcsTargetCheck } from '../../../../triggers/targets/authorize-ecs.js';
import type { ApiError, CanRunCheck, CanRunResponse } from '../../../shared/api-types.js';
import type { ConsoleDeps, ConsoleRequest } from '../context.js';

const PRINCIPALS = ['events.amazonaws.com', 'scheduler.amazonaws.com'];

export async function canRun(deps: ConsoleDeps, req: ConsoleRequest): Promise<WireResponse> {
  const body = readJson(req);
  const roleArn = requiredString(body, 'roleArn');
  const taskDefinition = requiredString(body, 'taskDefinition');
  const cluster = optionalString(body, 'cluster') ?? DEFAULT_CLUSTER;
  const principal = optionalString(body, 'principal') ?? 'events.amazonaws.com';
  if (!PRINCIPALS.includes(principal)) {
    throw new AdminError(400, `"principal" must be one of ${PRINCIPALS.join(', ')}.`);
  }
  if (!parseRoleArn(roleArn)) {
    throw new AdminError(400, `"roleArn" must be a role ARN (arn:aws:iam::ACCOUNT:role/NAME).`);
  }
  // Reading another principal's policies is what IAM's policy simulator does: under
  // `--auth enforce` the signed-in principal needs its permission on the role.
  await deps.authorizer?.check(
    'iam',
    [{ action: 'iam:SimulatePrincipalPolicy', resource: roleArn }],
    { requestId: randomUUID(), ...req.scope },
  );
  // Resolved as a target resolves it: a family alone means its latest ACTIVE revision.
  const resolved = await deps.queries.taskDefinitions.resolve(req.scope, taskDefinition);
  const definition = resolved?.record.definition;
  if (!definition?.taskDefinitionArn) {
    return notFound(
      `No task definition ${taskDefinition} in ${req.scope.accountId}/${req.scope.region}.`,
    );
  }
  const checks = await deps.queries.ecsTargets.check({
    roleArn,
    servicePrincipal: principal,
    taskDefinitionArn: definition.taskDefinitionArn,
    clusterArn: clusterArnOf(req.scope, cluster),
    passedRoles: [definition.executionRoleArn, definition.taskRoleArn].filter(
      (arn): arn is string => arn !== undefined,
    ),
    ...(definition.taskRoleArn !== undefined ? { taskRoleArn: definition.taskRoleArn } : {}),
  });
  if (!checks) return notFound(`The role ${roleArn} does not exist.`);
  const answer: CanRunResponse = {
    allowed: checks.every((check) => check.allowed),
    roleArn,
    principal,
    taskDefinitionArn: definition.taskDefinitionArn,
    clusterArn: clusterArnOf(req.scope, cluster),
    checks: checks.map(view),
  };
  return json(200, answer);
}

function view(check: EcsTargetCheck): CanRunCheck {
  const { statement } = check;
  return {
    check: check.action,
    resource: check.resource,
    allowed: check.allowed,
    reason: check.reason,
    ...(check.principal !== undefined ? { principal: check.principal } : {}),
    ...(check.allowed ? {} : { deniedWith: check.deniedWith }),
    ...(statement
      ? {
          policy: statement.source,
          decidingStatement: {
            ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
            index: statement.index,
            json: statement.json,
          },
        }
      : {}),
  };
}

function notFound(message: string): WireResponse {
  return json(404, { error: 'NotFound', message } satisfies ApiError);
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') {
    throw new AdminError(400, `"${name}" is required and must be a string.`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new AdminError(400, `"${name}" must be a string.`);
  return value;
}
