/**
 * An ECS target: RunTask with the target's EcsParameters, the input as the task's
 * `overrides`, after the IAM checks AWS makes (authorize-ecs.ts). The target's Arn is the
 * cluster; a task definition ARN without revision means the latest ACTIVE revision.
 */
import type { Scope, Store } from '../../store/types.js';
import type { RequestContext } from '../../services/context.js';
import type {
  RunTaskRequest,
  RunTaskResponse,
  TaskOverride,
} from '../../services/ecs/generated/types.js';
import { clusterArnOf, DEFAULT_CLUSTER } from '../../services/ecs/clusters/lookup.js';
import { resolveTaskDefinition } from '../../services/ecs/task-definitions/resolve.js';
import type { Target } from '../../services/events/generated/types.js';
import { authorizeEcsTarget } from './authorize-ecs.js';
import { callerContext } from '../role-session.js';
import { TargetError } from '../target-error.js';

export type RunTaskFunction = (
  input: RunTaskRequest,
  ctx: RequestContext,
) => Promise<RunTaskResponse>;

export interface EcsInvocation {
  scope: Scope;
  target: Target;
  /** The input computed for the target (JSON text): RunTask's `overrides`. */
  input: string | undefined;
  startedBy: string;
  servicePrincipal: string;
}

export async function invokeEcsTarget(
  deps: { store: Store; runTask: RunTaskFunction },
  invocation: EcsInvocation,
): Promise<string[]> {
  const { target } = invocation;
  const params = target.EcsParameters;
  if (!params)
    throw new TargetError('InvalidParameterException', 'The target has no EcsParameters.');
  const network = params.NetworkConfiguration?.awsvpcConfiguration;
  const request: RunTaskRequest = {
    cluster: target.Arn,
    taskDefinition: params.TaskDefinitionArn,
    count: params.TaskCount ?? 1,
    ...(params.LaunchType !== undefined ? { launchType: params.LaunchType } : {}),
    ...(params.CapacityProviderStrategy?.length
      ? {
          capacityProviderStrategy: params.CapacityProviderStrategy.map((item) => ({
            capacityProvider: item.capacityProvider,
            ...(item.weight !== undefined ? { weight: item.weight } : {}),
            ...(item.base !== undefined ? { base: item.base } : {}),
          })),
        }
      : {}),
    ...(network
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: network.Subnets,
              ...(network.SecurityGroups ? { securityGroups: network.SecurityGroups } : {}),
              ...(network.AssignPublicIp ? { assignPublicIp: network.AssignPublicIp } : {}),
            },
          },
        }
      : {}),
    ...(params.PlatformVersion !== undefined ? { platformVersion: params.PlatformVersion } : {}),
    ...(params.Group !== undefined ? { group: params.Group } : {}),
    ...(params.Tags?.length
      ? { tags: params.Tags.map((tag) => ({ key: tag.Key, value: tag.Value })) }
      : {}),
    ...(params.PropagateTags !== undefined ? { propagateTags: params.PropagateTags } : {}),
    ...(params.EnableECSManagedTags !== undefined
      ? { enableECSManagedTags: params.EnableECSManagedTags }
      : {}),
    ...(params.ReferenceId !== undefined ? { referenceId: params.ReferenceId } : {}),
    overrides: parseOverrides(invocation.input),
    startedBy: invocation.startedBy,
  };
  return runTaskAsRole(deps, {
    scope: invocation.scope,
    roleArn: target.RoleArn,
    servicePrincipal: invocation.servicePrincipal,
    request,
  });
}

/**
 * RunTask as the target's role would make it on AWS: the task definition resolved (a
 * family alone means its latest ACTIVE revision), the role's permissions checked, then the
 * call; `failures` in the answer fail the invocation.
 */
export async function runTaskAsRole(
  deps: { store: Store; runTask: RunTaskFunction },
  call: {
    scope: Scope;
    roleArn: string | undefined;
    servicePrincipal: string;
    request: RunTaskRequest;
  },
): Promise<string[]> {
  const { scope, request } = call;
  if (!call.roleArn) {
    throw new TargetError(
      'AccessDeniedException',
      'The target has no RoleArn to run the task with.',
    );
  }
  const resolved = await resolveTaskDefinition(deps.store, scope, request.taskDefinition);
  const definition = resolved?.record.definition;
  if (definition?.taskDefinitionArn) {
    const overrides = request.overrides ?? {};
    const passedRoles = [
      overrides.executionRoleArn ?? definition.executionRoleArn,
      overrides.taskRoleArn ?? definition.taskRoleArn,
    ].filter((arn): arn is string => arn !== undefined);
    const authorization = await authorizeEcsTarget(deps.store, {
      roleArn: call.roleArn,
      servicePrincipal: call.servicePrincipal,
      taskDefinitionArn: definition.taskDefinitionArn,
      clusterArn: clusterArnOf(scope, request.cluster ?? DEFAULT_CLUSTER),
      passedRoles,
      tagsOnCreate: tagsOnCreate(request),
    });
    if (!authorization.allowed)
      throw new TargetError('AccessDeniedException', authorization.reason);
  }
  const response = await deps.runTask(
    { ...request, taskDefinition: definition?.taskDefinitionArn ?? request.taskDefinition },
    callerContext(scope, call.roleArn, call.servicePrincipal),
  );
  const failure = response.failures?.[0];
  if (failure) {
    throw new TargetError(
      'RunTaskFailure',
      `${failure.reason ?? 'RunTask failed'}${failure.detail ? `: ${failure.detail}` : ''}`,
    );
  }
  return (response.tasks ?? []).map((task) => task.taskArn ?? '');
}

/** Whether RunTask would tag the task it creates, so ECS checks ecs:TagResource too. */
function tagsOnCreate(request: RunTaskRequest): boolean {
  return (
    (request.tags?.length ?? 0) > 0 ||
    request.enableECSManagedTags === true ||
    (request.propagateTags !== undefined && request.propagateTags !== 'NONE')
  );
}

function parseOverrides(input: string | undefined): TaskOverride {
  if (input === undefined || input.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    throw new TargetError(
      'InvalidParameterException',
      'The target input is not valid JSON for RunTask overrides.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TargetError(
      'InvalidParameterException',
      'The target input must be a JSON object of RunTask overrides.',
    );
  }
  return parsed;
}
