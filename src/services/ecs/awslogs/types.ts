/**
 * The `awslogs` log driver: what the ECS agent does with a container's output when its
 * definition says `"logDriver": "awslogs"`. Lines go straight into the Logs store through
 * its ingestion path (a function call, no HTTP), each event stamped with the teiki clock.
 */
import type { OutputStream } from '../../../runtimes/types.js';

export interface AwslogsTarget {
  accountId: string;
  /** The container's `logConfiguration.options` (awslogs-group, awslogs-region, …). */
  options: Record<string, string>;
  /** The task id (last part of its ARN) and the container name, for the stream name. */
  taskId: string;
  containerName: string;
  /**
   * The container's id, which names the stream when there is no `awslogs-stream-prefix`
   * (Docker's naming on EC2); a Docker-style id (64 hex digits) is drawn when absent.
   */
  containerId?: string;
}

/** Where one container's output goes while it runs. */
export interface ContainerLogSink {
  /** `awslogs-group` / the stream `PREFIX/CONTAINER/TASK_ID` (the container id without prefix). */
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly region: string;
  /** Takes one line (no terminator); never throws, never blocks the container. */
  write(stream: OutputStream, line: string): void;
  /** Emits any pending multi-line event and waits until every event is stored. */
  close(): Promise<void>;
}

export interface AwslogsDriver {
  /**
   * Prepares the container's log stream before the container starts: creates the group
   * when `awslogs-create-group` is `true`, then the stream. Throws AwslogsSetupError with
   * the reason Fargate gives when the group does not exist (the task fails to start).
   */
  open(target: AwslogsTarget): Promise<ContainerLogSink>;
}

/** The log stream could not be set up; `reason` is the task's stoppedReason as on Fargate. */
export class AwslogsSetupError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AwslogsSetupError';
  }
}
