/**
 * One container of a running task: its launch, its log sink, and promises for the
 * moments other containers may wait on (`dependsOn`: START, COMPLETE, SUCCESS, HEALTHY).
 */
import type { ContainerExit, ContainerLaunch, RunningContainer } from '../../../runtimes/types.js';
import type { ContainerLogSink } from '../awslogs/types.js';
import type { ContainerDefinition, HealthStatus } from '../generated/types.js';

export class ContainerRun {
  running: RunningContainer | undefined;
  sink: ContainerLogSink | undefined;
  exit: ContainerExit | undefined;
  /** True once it is known the container will never start. */
  abandoned = false;
  /** Settles when the exit has been recorded (log sink closed, record updated). */
  recorded: Promise<void> | undefined;
  readonly started = deferred<void>();
  readonly exited = deferred<ContainerExit>();
  readonly healthy = deferred<void>();

  constructor(
    readonly definition: ContainerDefinition,
    readonly launch: ContainerLaunch,
  ) {
    // Nobody may be waiting on these; an unobserved rejection must not crash the process.
    this.started.promise.catch(() => undefined);
    this.healthy.promise.catch(() => undefined);
  }

  get name(): string {
    return this.launch.containerName;
  }

  /** Exited, or never going to start. */
  get finished(): boolean {
    return this.exit !== undefined || this.abandoned;
  }

  get essential(): boolean {
    return this.definition.essential ?? true;
  }

  onHealth(status: HealthStatus): void {
    if (status === 'HEALTHY') this.healthy.resolve();
    if (status === 'UNHEALTHY') this.healthy.reject(new Error(`${this.name} is UNHEALTHY`));
  }

  /** The container will never start (the task stopped first, or a dependency failed). */
  abandon(why: string): void {
    this.abandoned = true;
    this.started.reject(new Error(why));
    this.healthy.reject(new Error(why));
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  settled: boolean;
  resolve(value: T): void;
  reject(error: Error): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const d: Deferred<T> = {
    promise,
    settled: false,
    resolve(value) {
      if (d.settled) return;
      d.settled = true;
      resolve(value);
    },
    reject(error) {
      if (d.settled) return;
      d.settled = true;
      reject(error);
    },
  };
  return d;
}
