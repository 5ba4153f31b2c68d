/**
 * Whether ECS can assume the roles a service's task definition gives its tasks (the task
 * role and the execution role), asked before the scheduler starts tasks as a rule's role
 * is asked before a rule's task starts (serviceTrust, targets/authorize-ecs.ts). On AWS a
 * role that does not trust ecs-tasks.amazonaws.com stops the service's launches with
 * "ECS was unable to assume the role '…' that was provided for this task. …" in its
 * events. The service-linked role that launches them is ECS's own: its permissions
 * (ecs:RunTask, iam:PassRole) are not the user's to grant, so they are not evaluated; the
 * caller's iam:PassRole was checked at CreateService or UpdateService.
 *
 * A role that does not exist is refused under `--auth enforce` only: in open mode teiki
 * lets tasks name roles that were never created (STS assumes unknown roles there too).
 */
import type { Scope } from '../../../../store/types.js';
import { serviceTrust } from '../../../authorization/trust.js';
import { TASKS_PRINCIPAL } from '../../authorization-parts.js';
import { resolveTaskDefinition } from '../../task-definitions/resolve.js';
import type { ServiceDeps } from '../deps.js';

/** ECS's reason for the first role it cannot assume, or undefined when it can assume all. */
export async function unassumableRole(
  deps: Pick<ServiceDeps, 'store' | 'enforceRoles'>,
  scope: Scope,
  taskDefinition: string,
): Promise<string | undefined> {
  const resolved = await resolveTaskDefinition(deps.store, scope, taskDefinition);
  const definition = resolved?.record.definition;
  if (!definition) return undefined;
  for (const roleArn of [definition.taskRoleArn, definition.executionRoleArn]) {
    if (!roleArn) continue;
    const trust = await serviceTrust(deps.store, roleArn, TASKS_PRINCIPAL);
    const assumable = trust ? trust.decision.decision === 'Allow' : !deps.enforceRoles;
    if (!assumable) return unableToAssume(roleArn);
  }
  return undefined;
}

export function unableToAssume(roleArn: string): string {
  return `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;
}
