/**
 * One task from PROVISIONING to STOPPED, in ECS's order: network interface, image pulls,
 * log streams, containers (honouring `dependsOn`), then, once an essential container
 * exits or a stop is asked for, SIGTERM to the rest, deprovisioning and STOPPED.
 *
 * `execute` never rejects: whatever happens, the task ends STOPPED with a stop code and a
 * reason, its containers stopped, its log events stored and its interface released.
 */
import type { ContainerExit } from '../../../runtimes/types.js';
import { ContainerStartError } from '../../../runtimes/types.js';
import { isStorageFault } from '../../../store/fault.js';
import type { TaskInterface } from '../../ec2/network.js';
import { AwslogsSetupError } from '../awslogs/types.js';
import { SecretsUnavailable } from '../task-inside/index.js';
import { insideOnRecord, prepareTaskInside } from '../task-inside/prepare.js';
import type { ContainerDependency, TaskStopCode } from '../generated/types.js';
import type { ContainerRecord, TaskDefinitionRecord, TaskRecord } from '../records.js';
import { ContainerRun, deferred } from './container-run.js';
import type { TaskDeps } from './deps.js';
import { containerLaunch } from './launch.js';
import type { TaskKey, TaskRecords } from './task-records.js';

export interface StopRequest {
  stopCode: TaskStopCode;
  reason: string;
}

export class TaskRun {
  readonly #deps: TaskDeps;
  readonly #records: TaskRecords;
  readonly #key: TaskKey;
  readonly #containers: ContainerRun[];
  readonly #stopRequested = deferred<StopRequest>();
  #stop: StopRequest | undefined;
  #reachedRunning = false;
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

  /** Asks the task to stop; the first request's code and reason are the ones kept. */
  requestStop(request: StopRequest): void {
    if (this.#stop) return;
    this.#stop = request;
    this.#stopRequested.resolve(request);
  }

  async execute(): Promise<void> {
    try {
      await this.#provision();
      if (!this.#stop) await this.#prepareInside();
      if (!this.#stop) await this.#pullImages();
      if (!this.#stop) await this.#openLogStreams();
      if (!this.#stop) await this.#startContainers();
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
    const subnetId = task?.attachments[0]?.details?.find((d) => d.name === 'subnetId')?.value;
    if (subnetId !== undefined) {
      this.#eni = await this.#deps.network.createTaskNetworkInterface(this.#key.scope, {
        subnetId,
        securityGroupIds: this.#securityGroupIds,
        description: `arn:aws:ecs:${this.#key.scope.region}:${this.#key.scope.accountId}:attachment/${task?.attachments[0]?.id ?? ''}`,
        requesterManaged: true,
        attachTo: { instanceOwnerId: this.#key.scope.accountId },
      });
    }
    const eni = this.#eni;
    const now = this.#deps.clock.nowMs();
    await this.#update((t) => {
      t.lastStatus = 'PENDING';
      t.connectivity = 'CONNECTED';
      t.connectivityAt = now;
      const attachment = t.attachments[0];
      if (attachment && eni) {
        attachment.status = 'ATTACHED';
        attachment.details = [
          { name: 'subnetId', value: eni.subnetId },
          { name: 'networkInterfaceId', value: eni.networkInterfaceId },
          { name: 'macAddress', value: eni.macAddress },
          { name: 'privateDnsName', value: eni.privateDnsName },
          { name: 'privateIPv4Address', value: eni.privateIpv4Address },
        ];
        for (const container of t.containers) {
          container.networkInterfaces = [
            { attachmentId: attachment.id ?? '', privateIpv4Address: eni.privateIpv4Address },
          ];
        }
      }
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
    await this.#update((t) => insideOnRecord(t, roles, definitions));
    const byName = (name: string) => this.#containers.find((c) => c.name === name);
    try {
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
    } catch (error) {
      if (error instanceof SecretsUnavailable) throw new TaskStartFailure(error.reason);
      throw error;
    }
  }

  async #pullImages(): Promise<void> {
    await this.#update((t) => {
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
    await this.#update((t) => {
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
    if (outcome === 'stopping' || this.#stop) return;
    // Fargate passes ACTIVATING (load balancers, service discovery) on its way to RUNNING.
    this.#reachedRunning = true;
    await this.#update((t) => {
      t.lastStatus = 'ACTIVATING';
    });
    const now = this.#deps.clock.nowMs();
    await this.#update((t) => {
      t.lastStatus = 'RUNNING';
      t.startedAt = now;
    });
  }

  async #startWhenReady(container: ContainerRun, byName: Map<string, ContainerRun>) {
    try {
      await this.#dependenciesOf(container, byName);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      container.abandon(why);
      await this.#dependencyFailed(container, why);
      return;
    }
    if (this.#stop) {
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
      this.requestStop(this.#startFailure(error));
      container.abandon('it could not start');
      await this.#update((t) => {
        const record = containerRecord(t, container.name);
        record.lastStatus = 'STOPPED';
        record.reason = this.#stop?.reason ?? '';
      });
      return;
    }
    const running = container.running;
    await this.#update((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'RUNNING';
      record.runtimeId = running.runtimeId;
    });
    container.started.resolve();
    running.health?.onChange((status) => {
      container.onHealth(status);
      void this.#update((t) => {
        containerRecord(t, container.name).healthStatus = status;
        t.healthStatus = taskHealth(t, this.#containers);
      });
    });
    container.recorded = running.exited.then((exit) => this.#recordExit(container, exit));
  }

  async #dependenciesOf(container: ContainerRun, byName: Map<string, ContainerRun>) {
    const waits = (container.definition.dependsOn ?? []).map((dependency) =>
      waitFor(dependency, byName),
    );
    await Promise.race([Promise.all(waits), this.#stopRequested.promise.then(() => undefined)]);
  }

  async #dependencyFailed(container: ContainerRun, why: string): Promise<void> {
    await this.#update((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'STOPPED';
      record.reason = `DependencyError: ${why}`;
    });
    if (container.essential) {
      this.requestStop({
        stopCode: 'EssentialContainerExited',
        reason: 'Essential container in task exited',
      });
    }
  }

  async #recordExit(container: ContainerRun, exit: ContainerExit): Promise<void> {
    container.exit = exit;
    container.exited.resolve(exit);
    container.healthy.reject(new Error(`${container.name} exited`));
    await this.#closeSink(container);
    await this.#update((t) => {
      const record = containerRecord(t, container.name);
      record.lastStatus = 'STOPPED';
      record.exitCode = exit.exitCode;
      if (exit.reason !== undefined) record.reason = exit.reason;
    });
    const allExited = this.#containers.every((c) => c.finished);
    if (container.essential || allExited) {
      this.requestStop({
        stopCode: 'EssentialContainerExited',
        reason: 'Essential container in task exited',
      });
    }
  }

  async #closeSink(container: ContainerRun): Promise<void> {
    const sink = container.sink;
    container.sink = undefined;
    await sink?.close();
  }

  #failToStart(error: unknown): void {
    if (error instanceof TaskStartFailure) {
      this.requestStop({ stopCode: 'TaskFailedToStart', reason: error.reason });
      return;
    }
    this.#deps.logger.error('a task failed to start', { taskId: this.#key.taskId, error });
    this.requestStop({
      stopCode: 'TaskFailedToStart',
      reason: `teiki could not start the task: ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  #startFailure(error: unknown): StopRequest {
    const reason =
      error instanceof ContainerStartError || error instanceof AwslogsSetupError
        ? error.reason
        : `CannotStartContainerError: ${error instanceof Error ? error.message : String(error)}`;
    return { stopCode: 'TaskFailedToStart', reason };
  }

  /** A failure before any container ran: recorded on the container, ending the task. */
  async #containerFailure(container: ContainerRun, error: unknown): Promise<unknown> {
    if (!(error instanceof ContainerStartError) && !(error instanceof AwslogsSetupError)) {
      return error;
    }
    const reason = error.reason;
    await this.#update((t) => {
      containerRecord(t, container.name).reason = reason;
    });
    return new TaskStartFailure(reason);
  }

  async #shutDown(): Promise<void> {
    const stop = this.#stop ?? { stopCode: 'TaskFailedToStart', reason: 'Task stopped' };
    const now = this.#deps.clock.nowMs();
    await this.#update((t) => {
      t.desiredStatus = 'STOPPED';
      t.stopCode ??= stop.stopCode;
      t.stoppedReason ??= stop.reason;
      t.stoppingAt ??= now;
      if (this.#reachedRunning) t.lastStatus = 'DEACTIVATING';
    });
    await this.#update((t) => {
      t.lastStatus = 'STOPPING';
    });
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
    await this.#update((t) => {
      t.executionStoppedAt = this.#deps.clock.nowMs();
      t.lastStatus = 'DEPROVISIONING';
      for (const record of t.containers) record.lastStatus = 'STOPPED';
    });
    if (this.#eni) {
      await this.#deps.network.deleteNetworkInterface(
        this.#key.scope,
        this.#eni.networkInterfaceId,
      );
    }
    this.#closeSession?.();
    await this.#update((t) => {
      t.lastStatus = 'STOPPED';
      t.stoppedAt = this.#deps.clock.nowMs();
      const attachment = t.attachments[0];
      if (attachment && this.#eni) attachment.status = 'DELETED';
    });
  }

  async #update(change: (task: TaskRecord) => void): Promise<void> {
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

/** A start failure with ECS's reason (`CannotPullContainerError: …`, …). */
class TaskStartFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

async function waitFor(
  dependency: ContainerDependency,
  byName: Map<string, ContainerRun>,
): Promise<void> {
  const target = byName.get(dependency.containerName);
  if (!target) throw new Error(`container ${dependency.containerName} is not in the task`);
  switch (dependency.condition) {
    case 'START':
      return target.started.promise;
    case 'COMPLETE':
      await target.exited.promise;
      return;
    case 'SUCCESS': {
      const exit = await target.exited.promise;
      if (exit.exitCode !== 0) {
        throw new Error(
          `dependency ${target.name} exited with code ${exit.exitCode}; condition SUCCESS was not met`,
        );
      }
      return;
    }
    case 'HEALTHY':
      try {
        await target.healthy.promise;
      } catch {
        throw new Error(`dependency ${target.name} did not become HEALTHY`);
      }
  }
}

function containerRecord(task: TaskRecord, name: string): ContainerRecord {
  const record = task.containers.find((c) => c.name === name);
  if (!record) throw new Error(`task ${task.taskArn} has no container ${name}`);
  return record;
}

/** ECS's task health: UNHEALTHY when an essential container is, HEALTHY when all checked are. */
function taskHealth(task: TaskRecord, runs: ContainerRun[]): TaskRecord['healthStatus'] {
  const checked = task.containers.filter((c) => c.healthStatus !== undefined);
  const essential = new Set(runs.filter((r) => r.essential).map((r) => r.name));
  if (checked.some((c) => essential.has(c.name) && c.healthStatus === 'UNHEALTHY')) {
    return 'UNHEALTHY';
  }
  if (checked.length > 0 && checked.every((c) => c.healthStatus === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}
