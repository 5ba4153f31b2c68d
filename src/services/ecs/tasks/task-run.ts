/**
 * One task from PROVISIONING to STOPPED, in ECS's order: network interface, image pulls,
 * log streams, containers (honouring `dependsOn`), then, once an essential container
 * exits or a stop is asked for, SIGTERM to the rest, deprovisioning and STOPPED.
 *
 * The run's state is explicit (`getState()`: the status it has reached and the stop asked
 * for, if any); each lifecycle step is one `#advance(status, patch)` — the move checked
 * against the lifecycle (lifecycle.ts), then one write of the record — and every other
 * change of the record (pull times, containers, health) one `#write`.
 *
 * `execute` never rejects: whatever happens, the task ends STOPPED with a stop code and a
 * reason, its containers stopped, its log events stored and its interface released.
 */
import type { ContainerExit } from '../../../runtimes/types.js';
import { isStorageFault } from '../../../store/fault.js';
import type { TaskInterface } from '../../ec2/network.js';
import { insideOnRecord, prepareTaskInside } from '../task-inside/prepare.js';
import type { TaskDefinitionRecord, TaskRecord, TaskStatus } from '../records.js';
import { dependenciesMet } from './container-dependencies.js';
import { containerRecord, taskHealth } from './container-records.js';
import { ContainerRun, deferred } from './container-run.js';
import type { TaskDeps } from './deps.js';
import { containerLaunch } from './launch.js';
import { canAdvance, hasActivated, IllegalTransition } from './lifecycle.js';
import {
  containerCouldNotStart,
  ecsReason,
  ESSENTIAL_CONTAINER_EXITED,
  failedToStart,
  STOPPED_UNASKED,
  type StopRequest,
} from './stop-reasons.js';
import {
  createTaskInterface,
  deleteTaskInterface,
  showAttached,
  showDeleted,
} from './task-network.js';
import type { TaskKey, TaskRecords } from './task-records.js';

export type { StopRequest } from './stop-reasons.js';

/** Where a run is: the last status it reached, and the stop asked for (the first one). */
export interface TaskRunState {
  readonly status: TaskStatus;
  readonly stop?: StopRequest;
}

export class TaskRun {
  readonly #deps: TaskDeps;
  readonly #records: TaskRecords;
  readonly #key: TaskKey;
  readonly #containers: ContainerRun[];
  readonly #stopRequested = deferred<StopRequest>();
  #state: TaskRunState = { status: 'PROVISIONING' };
  #eni: TaskInterface | undefined;
  /** Closes the task's endpoints session (its tokens stop answering). */
  #closeSession: (() => void) | undefined;
  readonly #securityGroupIds: string[];
  #startups: Promise<void>[] = [];
  readonly #definition: TaskDefinitionRecord['definition'];
  readonly #taskRoleArn: string | undefined;
  readonly #executionRoleArn: string | undefined;

  constructor(
    deps: TaskDeps,
    records: TaskRecords,
    key: TaskKey,
    task: TaskRecord,
    definition: TaskDefinitionRecord['definition'],
    securityGroupIds: string[],
  ) {
    this.#deps = deps;
    this.#securityGroupIds = securityGroupIds;
    this.#records = records;
    this.#key = key;
    this.#definition = definition;
    this.#taskRoleArn = task.overrides.taskRoleArn ?? definition.taskRoleArn;
    this.#executionRoleArn = task.overrides.executionRoleArn ?? definition.executionRoleArn;
    const context = {
      task,
      taskId: key.taskId,
      region: key.scope.region,
      taskDefinition: `${definition.family ?? ''}:${definition.revision ?? 0}`,
    };
    this.#containers = (definition.containerDefinitions ?? []).map(
      (container) =>
        new ContainerRun(container, containerLaunch(context, container, task.overrides)),
    );
  }

  getState(): TaskRunState {
    return this.#state;
  }

  get #stopping(): boolean {
    return this.#state.stop !== undefined;
  }

  /** Asks the task to stop; the first request's code and reason are the ones kept. */
  requestStop(request: StopRequest): void {
    if (this.#stopping) return;
    this.#state = { ...this.#state, stop: request };
    this.#stopRequested.resolve(request);
  }

  async execute(): Promise<void> {
    try {
      await this.#provision();
      if (!this.#stopping) await this.#prepareInside();
      if (!this.#stopping) await this.#pullImages();
      if (!this.#stopping) await this.#openLogStreams();
      if (!this.#stopping) await this.#startContainers();
      await this.#stopRequested.promise;
    } catch (error) {
      this.#failToStart(error);
    }
    try {
      await this.#shutDown();
    } catch (error) {
      this.#deps.logger.error('a task could not be shut down cleanly', {
        taskId: this.#key.taskId,
        error,
      });
    }
  }

  async #provision(): Promise<void> {
    const task = await this.#records.get(this.#key);
    this.#eni = await createTaskInterface(this.#deps, this.#key, task, this.#securityGroupIds);
    const eni = this.#eni;
    const now = this.#deps.clock.nowMs();
    await this.#advance('PENDING', (t) => {
      t.connectivity = 'CONNECTED';
      t.connectivityAt = now;
      if (eni) showAttached(t, eni);
    });
  }

  /** Secrets, endpoints and their variables (task-inside/prepare.ts). */
  async #prepareInside(): Promise<void> {
    const inside = this.#deps.inside;
    if (!inside) return;
    const taskArn = (await this.#records.get(this.#key))?.taskArn ?? '';
    const definitions = this.#definition.containerDefinitions ?? [];
    const roles = {
      ...(this.#taskRoleArn !== undefined ? { taskRoleArn: this.#taskRoleArn } : {}),
      ...(this.#executionRoleArn !== undefined ? { executionRoleArn: this.#executionRoleArn } : {}),
    };
    await this.#write((t) => insideOnRecord(t, roles, definitions));
    const byName = (name: string) => this.#containers.find((c) => c.name === name);
    // SecretsUnavailable carries Fargate's reason, which ends the task (stop-reasons.ts).
    this.#closeSession = await prepareTaskInside(inside, {
      scope: this.#key.scope,
      taskArn,
      taskId: this.#key.taskId,
      ...roles,
      definitions,
      launches: this.#containers.map((c) => c.launch),
      record: () => this.#records.get(this.#key),
      started: (name) => byName(name)?.started.promise ?? Promise.resolve(),
      stats: async (name) => byName(name)?.running?.stats?.(),
    });
  }

  async #pullImages(): Promise<void> {
    await this.#write((t) => {
      t.pullStartedAt = this.#deps.clock.nowMs();
    });
    const digests = await Promise.all(
      this.#containers.map(async (container) => {
        try {
          return await this.#deps.runtime.prepareImage(container.launch);
        } catch (error) {
          throw await this.#containerFailure(container, error);
        }
      }),
    );
    await this.#write((t) => {
      t.pullStoppedAt = this.#deps.clock.nowMs();
      digests.forEach((digest, i) => {
        const record = t.containers[i];
        if (record && digest.imageDigest !== undefined) record.imageDigest = digest.imageDigest;
      });
    });
  }

  async #openLogStreams(): Promise<void> {
    for (const container of this.#containers) {
      const config = container.definition.logConfiguration;
      if (config?.logDriver !== 'awslogs') continue;
      try {
        container.sink = await this.#deps.awslogs.open({
          accountId: this.#key.scope.accountId,
          options: config.options ?? {},
          taskId: this.#key.taskId,
          containerName: container.name,
        });
      } catch (error) {
        throw await this.#containerFailure(container, error);
      }
    }
  }

  /** Starts every container once its dependencies allow; RUNNING when the first wave runs. */
  async #startContainers(): Promise<void> {
    const byName = new Map(this.#containers.map((c) => [c.name, c]));
    this.#startups = this.#containers.map((c) => this.#startWhenReady(c, byName));
    const firstWave = this.#containers.filter((c) => !c.definition.dependsOn?.length);
    const outcome = await Promise.race([
      Promise.all(firstWave.map((c) => c.started.promise)).then(() => 'running' as const),
      this.#stopRequested.promise.then(() => 'stopping' as const),
    ]).catch(() => 'stopping' as const);
    if (outcome === 'stopping' || this.#stopping) return;
    // Fargate passes ACTIVATING (load balancers, service discovery) on its way to RUNNING;
    // both are shown, as AWS's task state changes show both.
    await this.#advance('ACTIVATING');
    const now = this.#deps.clock.nowMs();
    await this.#advance('RUNNING', (t) => {
      t.startedAt = now;
    });
  }

  async #startWhenReady(container: ContainerRun, byName: Map<string, ContainerRun>) {
    try {
      await dependenciesMet(container, byName, this.#stopRequested.promise);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      container.abandon(why);
      await this.#dependencyFailed(container, why);
      return;
    }
    if (this.#stopping) {
      container.abandon('the task is stopping');
      return;
    }
    await this.#startOne(container);
  }

  async #startOne(container: ContainerRun): Promise<void> {
    try {
      const sink = container.sink;
      container.running = await this.#deps.runtime.start(container.launch, (stream, line) =>
        sink?.write(stream, line),
      );
    } catch (error) {
      this.requestStop(containerCouldNotStart(error));
      container.abandon('it could not start');
      await this.#write((t) => {
        const record = containerRecord(t, container.name);
        record.lastStatus = 'STOPPED';
        record.reason = this.#state.stop?.reason ?? '';
      });
      return;
    }
    const running = container.running;
    await this.#write((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'RUNNING';
      record.runtimeId = running.runtimeId;
    });
    container.started.resolve();
    running.health?.onChange((status) => {
      container.onHealth(status);
      void this.#write((t) => {
        containerRecord(t, container.name).healthStatus = status;
        t.healthStatus = taskHealth(t, this.#containers);
      });
    });
    container.recorded = running.exited.then((exit) => this.#recordExit(container, exit));
  }

  async #dependencyFailed(container: ContainerRun, why: string): Promise<void> {
    await this.#write((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'STOPPED';
      record.reason = `DependencyError: ${why}`;
    });
    if (container.essential) this.requestStop(ESSENTIAL_CONTAINER_EXITED);
  }

  async #recordExit(container: ContainerRun, exit: ContainerExit): Promise<void> {
    container.exit = exit;
    container.exited.resolve(exit);
    container.healthy.reject(new Error(`${container.name} exited`));
    await this.#closeSink(container);
    await this.#write((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'STOPPED';
      record.exitCode = exit.exitCode;
      if (exit.reason !== undefined) record.reason = exit.reason;
    });
    const allExited = this.#containers.every((c) => c.finished);
    if (container.essential || allExited) this.requestStop(ESSENTIAL_CONTAINER_EXITED);
  }

  async #closeSink(container: ContainerRun): Promise<void> {
    const sink = container.sink;
    container.sink = undefined;
    await sink?.close();
  }

  #failToStart(error: unknown): void {
    if (ecsReason(error) === undefined) {
      this.#deps.logger.error('a task failed to start', { taskId: this.#key.taskId, error });
    }
    this.requestStop(failedToStart(error));
  }

  /**
   * A failure before any container ran: a reason ECS words is recorded on the container
   * and ends the task; anything else is a defect, passed on as it is.
   */
  async #containerFailure(container: ContainerRun, error: unknown): Promise<unknown> {
    const reason = ecsReason(error);
    if (reason === undefined) return error;
    await this.#write((t) => {
      containerRecord(t, container.name).reason = reason;
    });
    return error;
  }

  async #shutDown(): Promise<void> {
    const stop = this.#state.stop ?? STOPPED_UNASKED;
    const now = this.#deps.clock.nowMs();
    const desiredStopped = (t: TaskRecord) => {
      t.desiredStatus = 'STOPPED';
      t.stopCode ??= stop.stopCode;
      t.stoppedReason ??= stop.reason;
      t.stoppingAt ??= now;
    };
    // A task that began to run deactivates; one that never did is shown desired STOPPED
    // at the status it reached, as StopTask's answer shows it.
    if (hasActivated(this.#state.status)) await this.#advance('DEACTIVATING', desiredStopped);
    else await this.#write(desiredStopped);
    await this.#advance('STOPPING');
    // A container still starting is waited for, so that it is stopped rather than leaked.
    await Promise.all(this.#startups);
    for (const container of this.#containers) {
      if (!container.running) container.abandon('the task stopped');
    }
    await Promise.all(
      this.#containers.map(async (container) => {
        if (!container.running) return;
        await container.running.stop(container.launch.stopTimeoutSeconds);
        await container.recorded;
      }),
    );
    await Promise.all(this.#containers.map((c) => this.#closeSink(c)));
    await this.#advance('DEPROVISIONING', (t) => {
      t.executionStoppedAt = this.#deps.clock.nowMs();
      for (const record of t.containers) record.lastStatus = 'STOPPED';
    });
    const eni = this.#eni;
    if (eni) await deleteTaskInterface(this.#deps, this.#key, eni);
    this.#closeSession?.();
    await this.#advance('STOPPED', (t) => {
      t.stoppedAt = this.#deps.clock.nowMs();
      if (eni) showDeleted(t);
    });
  }

  /** One lifecycle step: the move checked, the run's state moved, then one write. */
  async #advance(status: TaskStatus, patch?: (task: TaskRecord) => void): Promise<void> {
    const from = this.#state.status;
    if (!canAdvance(from, status)) throw new IllegalTransition(from, status);
    this.#state = { ...this.#state, status };
    await this.#write((t) => {
      t.lastStatus = status;
      patch?.(t);
    });
  }

  async #write(change: (task: TaskRecord) => void): Promise<void> {
    try {
      await this.#records.update(this.#key, change);
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      // The data directory is full or read-only: the task goes on as it would (its
      // containers run, stop and are cleaned up); its record catches up with the next
      // change that can be written, and a restart settles a task it never could.
      this.#deps.logger.warn('a task state change could not be saved', {
        taskId: this.#key.taskId,
        error: error.message,
      });
    }
  }
}
