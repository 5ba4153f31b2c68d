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
 * A task role that does not exist is refused in every mode, as RunTask refuses it
 * (tasks/task-role.ts); an execution role that does not exist under `--auth enforce` only:
 * in open mode teiki lets tasks name execution roles that were never created (STS assumes
 * unknown roles there too).
 */
import type { Scope } from '../../../../store/types.js';
import { resolveTaskDefinition } from '../../task-definitions/resolve.js';
import { ecsCanAssume, unableToAssume } from '../../tasks/task-role.js';
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
  const roles = [
    { roleArn: definition.taskRoleArn, unknown: 'refuse' as const },
    { roleArn: definition.executionRoleArn, unknown: deps.enforceRoles ? 'refuse' : 'allow' },
  ] as const;
  for (const { roleArn, unknown } of roles) {
    if (!roleArn) continue;
    if (!(await ecsCanAssume(deps.store, roleArn, unknown))) return unableToAssume(roleArn);
  }
  return undefined;
}
