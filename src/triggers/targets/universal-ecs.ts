/**
 * EventBridge Scheduler's universal target for ECS, `arn:aws:scheduler:::aws-sdk:ecs:runTask`:
 * the target's Input is the RunTask request itself, in the API's PascalCase member names
 * (`{"Cluster": …, "TaskDefinition": …, "Overrides": {"ContainerOverrides": […]}}`).
 */
import type { Scope, Store } from '../../store/types.js';
import type { RunTaskRequest } from '../../services/ecs/generated/types.js';
import { runTaskAsRole, type RunTaskFunction } from './ecs.js';
import { TargetError } from '../target-error.js';

export const UNIVERSAL_RUN_TASK_ARN = 'arn:aws:scheduler:::aws-sdk:ecs:runTask';

export async function invokeUniversalRunTask(
  deps: { store: Store; runTask: RunTaskFunction },
  call: {
    scope: Scope;
    roleArn: string | undefined;
    input: string;
    startedBy: string;
    servicePrincipal: string;
  },
): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.input);
  } catch {
    throw new TargetError('ValidationException', 'The universal target input is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TargetError(
      'ValidationException',
      'The universal target input must be a JSON object.',
    );
  }
  const request = camelCased(parsed) as RunTaskRequest;
  if (typeof request.taskDefinition !== 'string') {
    throw new TargetError('ValidationException', 'RunTask needs a TaskDefinition.');
  }
  return runTaskAsRole(deps, {
    scope: call.scope,
    roleArn: call.roleArn,
    servicePrincipal: call.servicePrincipal,
    request: { ...request, startedBy: request.startedBy ?? call.startedBy },
  });
}

/** The API's PascalCase member names as the ECS operation's input spells them. */
function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCased);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      camelCased(member),
    ]),
  );
}
