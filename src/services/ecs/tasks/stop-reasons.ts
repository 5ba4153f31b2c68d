/**
 * Why a task stops, in ECS's words: the stop code and reason a stop request carries, and
 * the reason a failure brings with it (`CannotPullContainerError: …`,
 * `ResourceInitializationError: …`), or teiki's own sentence when it brings none.
 */
import { ContainerStartError } from '../../../runtimes/types.js';
import { AwslogsSetupError } from '../awslogs/types.js';
import type { TaskStopCode } from '../generated/types.js';
import { SecretsUnavailable } from '../task-inside/index.js';

export interface StopRequest {
  stopCode: TaskStopCode;
  reason: string;
}

/** An essential container exited (or every container did). */
export const ESSENTIAL_CONTAINER_EXITED: StopRequest = {
  stopCode: 'EssentialContainerExited',
  reason: 'Essential container in task exited',
};

/** What a task that ends with no stop asked for is stopped with. */
export const STOPPED_UNASKED: StopRequest = {
  stopCode: 'TaskFailedToStart',
  reason: 'Task stopped',
};

/** The ECS reason a failure carries; undefined for one ECS has no words for (a defect). */
export function ecsReason(error: unknown): string | undefined {
  if (
    error instanceof ContainerStartError ||
    error instanceof AwslogsSetupError ||
    error instanceof SecretsUnavailable
  ) {
    return error.reason;
  }
  return undefined;
}

/** A task that failed before its containers ran: ECS's reason, else teiki's. */
export function failedToStart(error: unknown): StopRequest {
  return {
    stopCode: 'TaskFailedToStart',
    reason: ecsReason(error) ?? `teiki could not start the task: ${messageOf(error)}`,
  };
}

/** A container the runtime could not start: ECS's reason, else CannotStartContainerError. */
export function containerCouldNotStart(error: unknown): StopRequest {
  return {
    stopCode: 'TaskFailedToStart',
    reason: ecsReason(error) ?? `CannotStartContainerError: ${messageOf(error)}`,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
