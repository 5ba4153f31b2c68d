/**
 * Whether ECS can assume a role it is to give a task: the role must exist and its trust
 * policy must let ecs-tasks.amazonaws.com sts:AssumeRole, evaluated by the house's one trust
 * evaluator (authorization/trust.ts, the one targets' role sessions go through).
 *
 * ECS asks when it starts a task, not when a definition is registered: RunTask refuses the
 * call before anything is created, and a service's scheduler says the same sentence in the
 * service's events (services/scheduler/launch-roles.ts).
 */
import type { Store } from '../../../store/types.js';
import { serviceTrust, type ServiceTrust } from '../../authorization/trust.js';
import { TASKS_PRINCIPAL } from '../authorization-parts.js';
import { ClientException } from '../generated/errors.js';

/**
 * ECS's sentence for a role it cannot assume, as services' events and RunTask's error both
 * read in the wild (users' reports of the event, and of RunTask's ClientException).
 */
export function unableToAssume(roleArn: string): string {
  return `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;
}

/**
 * True when the role exists and trusts ecs-tasks.amazonaws.com; a role that does not exist
 * counts as assumable only when `unknownRoles` is `'allow'`.
 */
export async function ecsCanAssume(
  store: Store,
  roleArn: string,
  unknownRoles: 'allow' | 'refuse' = 'refuse',
): Promise<boolean> {
  const verdict = await taskRoleVerdict(store, roleArn);
  return verdict.trust ? verdict.allowed : unknownRoles === 'allow';
}

/** ECS's answer to "can I assume this task role?", with the trust decision behind it. */
export interface TaskRoleVerdict {
  allowed: boolean;
  /** ECS's sentence when it cannot; the trust evaluation's reason when it can. */
  reason: string;
  /** The role's trust of ecs-tasks.amazonaws.com; undefined when the role does not exist. */
  trust: ServiceTrust | undefined;
}

/**
 * Whether ECS can assume a task role, as RunTask asks (checkTaskRole) and as the console's
 * "can this role run this task?" reports it: the same question, answered once here.
 */
export async function taskRoleVerdict(store: Store, taskRoleArn: string): Promise<TaskRoleVerdict> {
  const trust = await serviceTrust(store, taskRoleArn, TASKS_PRINCIPAL);
  const allowed = trust?.decision.decision === 'Allow';
  return {
    allowed,
    reason: allowed ? trust.decision.reason : unableToAssume(taskRoleArn),
    trust,
  };
}

/**
 * RunTask's check of the task role (the override's, else the definition's): a role ECS
 * cannot assume refuses the call with ClientException and ECS's sentence.
 */
export async function checkTaskRole(store: Store, taskRoleArn: string | undefined) {
  if (taskRoleArn === undefined || taskRoleArn === '') return;
  const verdict = await taskRoleVerdict(store, taskRoleArn);
  if (!verdict.allowed) throw new ClientException(verdict.reason);
}
