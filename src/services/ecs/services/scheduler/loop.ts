/**
 * The service scheduler: keeps each service's desired tasks running. It is the thin loop
 * around `decide`: a pass reads a service and the tasks it tracks in one store
 * transaction, decides, writes the service back in that transaction, then stops and
 * starts tasks and records the tasks it started.
 *
 * Passes are woken, never polled: by the API (a service created, updated or deleted), by
 * a state change of one of the service's tasks, and by the clock when a decision asks to
 * look again (the throttle, a health check grace period). Passes of one service run one
 * at a time; a wake during a pass runs another pass after it. Time comes from the Clock
 * only, so a virtual clock drives throttles deterministically.
 */
import { randomUUID } from 'node:crypto';
import { isAbortError } from '../../../../engine/clock/abort.js';
import { TASKS, taskRecordId, type TaskRecord } from '../../records.js';
import type { ServiceDeps, ServiceKey } from '../deps.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from '../records.js';
import { decide, type Decision } from './decide.js';
import { launchServiceTasks } from './launch.js';
import { applyLaunch } from './launch-record.js';
import { mayKeep } from './ownership.js';
import { taskView, vanishedTask, type TaskView } from './task-view.js';

/** How long a pass that failed (a storage fault, say) waits before it tries again. */
const RETRY_MS = 5_000;

interface Slot {
  key: ServiceKey;
  running?: Promise<void>;
  again: boolean;
  timer?: AbortController;
  timerAt?: number;
}

/**
 * The other nodes on a shared store: a service changed through another node (UpdateService,
 * DeleteService) is passed over by the one keeping it, and when nodes die every service is
 * looked at again, so those the dead kept find a new keeper.
 */
export interface ServicePeers {
  tell(key: ServiceKey): void;
  onTold(listener: (key: ServiceKey) => void): () => void;
  /** After a change of the live nodes (their tasks already taken care of). */
  onNodesChanged(listener: () => void): () => void;
}

export class ServiceScheduler {
  readonly #deps: ServiceDeps;
  readonly #isGone: (runnerId: string) => boolean;
  readonly #peers: ServicePeers | undefined;
  #stopListening: Array<() => void> = [];
  readonly #slots = new Map<string, Slot>();
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(
    deps: ServiceDeps,
    options: { isGone: (runnerId: string) => boolean; peers?: ServicePeers },
  ) {
    this.#deps = deps;
    this.#isGone = options.isGone;
    this.#peers = options.peers;
  }

  /** Takes up every service this process may keep and follows their tasks from now on. */
  async start(): Promise<void> {
    this.#unsubscribe = this.#deps.changes.subscribe((event) => {
      const { group, clusterArn } = event.detail;
      if (typeof group !== 'string' || !group.startsWith('service:')) return;
      if (typeof clusterArn !== 'string') return;
      this.wake({
        scope: { accountId: event.account, region: event.region },
        clusterName: clusterArn.slice(clusterArn.indexOf('/') + 1),
        serviceName: group.slice('service:'.length),
      });
    });
    if (this.#peers) {
      this.#stopListening = [
        this.#peers.onTold((key) => this.wake(key)),
        this.#peers.onNodesChanged(() => {
          this.#wakeAll().catch((error: unknown) =>
            this.#deps.logger.error('services could not be looked at again', { error }),
          );
        }),
      ];
    }
    await this.#wakeAll();
  }

  /** A service's record changed here (an operation): a pass here, and the keeper is told. */
  changed(key: ServiceKey): void {
    this.wake(key);
    this.#peers?.tell(key);
  }

  async #wakeAll(): Promise<void> {
    const services = this.#deps.store.collection<ServiceRecord>(SERVICES);
    for (const entry of await services.listAllScopes()) {
      if (entry.value.status === 'INACTIVE') continue;
      this.wake({
        scope: entry.scope,
        clusterName: entry.value.clusterName,
        serviceName: entry.value.serviceName,
      });
    }
  }

  /** Asks for a pass over the service (now, or right after the one under way). */
  wake(key: ServiceKey): void {
    if (this.#stopped) return;
    const id = slotId(key);
    const slot = this.#slots.get(id) ?? { key, again: false };
    this.#slots.set(id, slot);
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = this.#run(slot).finally(() => {
      slot.running = undefined;
      if (!slot.timer && !slot.again) this.#slots.delete(id);
    });
  }

  /** Resolves once no pass is under way (tests and shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const running = [...this.#slots.values()].flatMap((s) => (s.running ? [s.running] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  async stop(): Promise<void> {
    await this.suspend();
    this.#unsubscribe?.();
    for (const stopListening of this.#stopListening.splice(0)) stopListening();
  }

  /**
   * Stops deciding until `resume` (`/_teiki/reset`: tasks are being stopped and the store
   * emptied, and none of that may be "replaced"). Resolves once no pass is under way.
   */
  async suspend(): Promise<void> {
    this.#stopped = true;
    for (const slot of this.#slots.values()) {
      slot.timer?.abort();
      slot.timer = undefined;
      slot.again = false;
    }
    await this.settled();
    this.#slots.clear();
  }

  resume(): void {
    this.#stopped = false;
  }

  async #run(slot: Slot): Promise<void> {
    do {
      slot.again = false;
      try {
        await this.#pass(slot);
      } catch (error) {
        this.#deps.logger.error('a service scheduler pass failed', {
          service: slot.key.serviceName,
          error,
        });
        this.#wakeAt(slot, this.#deps.clock.nowMs() + RETRY_MS);
      }
    } while (slot.again && !this.#stopped);
  }

  async #pass(slot: Slot): Promise<void> {
    const { key } = slot;
    const now = this.#deps.clock.nowMs();
    const decision = await this.#deps.store.transaction(async (tx) => {
      const services = tx.collection<ServiceRecord>(SERVICES);
      const id = serviceRecordId(key.clusterName, key.serviceName);
      const service = await services.get(key.scope, id);
      if (!service || service.status === 'INACTIVE') return undefined;
      if (!mayKeep(service.owner, this.#deps.runnerId, this.#isGone)) return undefined;
      const tasks = tx.collection<TaskRecord>(TASKS);
      const views: TaskView[] = [];
      for (const tracked of service.tasks) {
        const task = await tasks.get(key.scope, taskRecordId(key.clusterName, tracked.taskId));
        views.push(
          task
            ? taskView(tracked.taskId, tracked.deploymentId, task)
            : vanishedTask(tracked.taskId, tracked.deploymentId),
        );
      }
      const made = decide({ service, tasks: views, nowMs: now, newEventId: randomUUID });
      if (made.service.status !== 'INACTIVE') {
        made.service.owner = { runnerId: this.#deps.runnerId, heartbeatAt: now };
      }
      await services.put(key.scope, id, made.service);
      return { made, views };
    });
    if (!decision) return;
    const { made, views } = decision;
    await this.#stopTasks(key, made);
    this.#publish(made.service, made.bus, now);
    if (made.starts > 0) await this.#launch(slot, made, views);
    if (made.wakeAt !== undefined) this.#wakeAt(slot, made.wakeAt);
  }

  async #stopTasks(key: ServiceKey, made: Decision): Promise<void> {
    const now = this.#deps.clock.nowMs();
    for (const stop of made.stops) {
      const taskKey = { scope: key.scope, clusterName: key.clusterName, taskId: stop.taskId };
      const updated = await this.#deps.supervisor.records.update(taskKey, (task) => {
        task.desiredStatus = 'STOPPED';
        task.stopCode ??= 'ServiceSchedulerInitiated';
        task.stoppedReason ??= stop.reason;
        task.stoppingAt ??= now;
      });
      if (updated) {
        this.#deps.supervisor.requestStop(updated.taskArn, {
          stopCode: 'ServiceSchedulerInitiated',
          reason: stop.reason,
        });
      }
    }
  }

  async #launch(slot: Slot, made: Decision, views: TaskView[]): Promise<void> {
    const key = slot.key;
    const service = made.service;
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    if (!primary) return;
    const placed: Record<string, number> = {};
    for (const view of views) {
      if (view.phase === 'stopped' || view.capacityProviderName === undefined) continue;
      placed[view.capacityProviderName] = (placed[view.capacityProviderName] ?? 0) + 1;
    }
    const outcome = await launchServiceTasks(
      this.#deps,
      key,
      service,
      primary,
      made.starts,
      placed,
    );
    const now = this.#deps.clock.nowMs();
    const written = await this.#deps.store.transaction(async (tx) => {
      const services = tx.collection<ServiceRecord>(SERVICES);
      const id = serviceRecordId(key.clusterName, key.serviceName);
      const current = await services.get(key.scope, id);
      if (!current) return undefined;
      const change = applyLaunch(
        current,
        primary.id,
        outcome,
        made.replacingUnhealthy,
        now,
        randomUUID,
      );
      await services.put(key.scope, id, change.service);
      return change;
    });
    if (!written) return;
    this.#publish(written.service, written.bus, now);
    if (written.wakeAt !== undefined) this.#wakeAt(slot, written.wakeAt);
  }

  #publish(service: ServiceRecord, bus: Decision['bus'], atMs: number): void {
    const where = {
      accountId: service.serviceArn.split(':')[4] ?? '',
      region: service.serviceArn.split(':')[3] ?? '',
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
    };
    for (const event of bus) this.#deps.serviceChanges.publish(event, where, atMs);
  }

  #wakeAt(slot: Slot, atMs: number): void {
    if (this.#stopped) return;
    if (slot.timer && slot.timerAt !== undefined && slot.timerAt <= atMs) return;
    slot.timer?.abort();
    const timer = new AbortController();
    slot.timer = timer;
    slot.timerAt = atMs;
    this.#deps.clock.sleepUntil(atMs, timer.signal).then(
      () => {
        if (slot.timer === timer) {
          slot.timer = undefined;
          slot.timerAt = undefined;
        }
        this.wake(slot.key);
      },
      (error: unknown) => {
        if (!isAbortError(error)) this.#deps.logger.error('a service timer failed', { error });
      },
    );
  }
}

function slotId(key: ServiceKey): string {
  return `${key.scope.accountId}/${key.scope.region}/${key.clusterName}/${key.serviceName}`;
}
