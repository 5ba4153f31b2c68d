/**
 * A task's start, as far as its inside goes: its secrets fetched as the execution role
 * and its private registry credentials (throws SecretsUnavailable, which ends the task
 * before any image is pulled, as Fargate's ResourceInitializationError does), its endpoints session opened, and each container's
 * environment completed: the endpoint variables under the container's own, the secrets
 * over them. Returns what closes the session when the task stops.
 */
import type { ContainerLaunch } from '../../../runtimes/types.js';
import type { Scope } from '../../../store/types.js';
import type { ContainerDefinition } from '../generated/types.js';
import type { TaskRecord } from '../records.js';
import { insideEnvironment } from './environment.js';
import type { TaskInside } from './index.js';
import type { OpenTask } from './sessions.js';

export interface InsideStart extends Omit<OpenTask, 'containerDefinitions'> {
  scope: Scope;
  executionRoleArn?: string;
  definitions: readonly ContainerDefinition[];
  /** Each container's launch, whose environment is completed here. */
  launches: readonly ContainerLaunch[];
}

export async function prepareTaskInside(
  inside: TaskInside,
  start: InsideStart,
): Promise<() => void> {
  const fetched = await inside.fetchSecrets({
    scope: start.scope,
    taskId: start.taskId,
    executionRoleArn: start.executionRoleArn,
    containers: start.definitions,
  });
  const session = inside.sessions.open({ ...start, containerDefinitions: start.definitions });
  const settings = await inside.settings();
  for (const launch of start.launches) {
    const own = launch.environment;
    launch.environment = {
      ...insideEnvironment(settings, session, launch.containerName, own),
      ...own,
      ...(fetched.variables.get(launch.containerName) ?? {}),
    };
    const auth = fetched.registryAuth.get(launch.containerName);
    if (auth) launch.registryAuth = auth;
  }
  return () => inside.sessions.close(start.taskArn);
}

/** What the task's record keeps of its inside: roles and secret names, never values. */
export function insideOnRecord(
  task: TaskRecord,
  roles: { taskRoleArn?: string; executionRoleArn?: string },
  definitions: readonly ContainerDefinition[],
): void {
  if (roles.taskRoleArn !== undefined) task.taskRoleArn = roles.taskRoleArn;
  if (roles.executionRoleArn !== undefined) task.executionRoleArn = roles.executionRoleArn;
  const secrets = definitions.flatMap((c) =>
    (c.secrets ?? []).map((s) => ({
      containerName: c.name ?? '',
      name: s.name,
      valueFrom: s.valueFrom,
    })),
  );
  if (secrets.length > 0) task.secrets = secrets;
}
