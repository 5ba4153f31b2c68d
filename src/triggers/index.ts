/**
 * Scheduled and event-driven work, composed: the scheduler engine with its durable ledger,
 * the rules on it, the event router, the target invoker, their metrics, and firing now.
 * EventBridge's API reports rule changes here and hands PutEvents here; ECS task state
 * changes and service events flow onto the default bus from here.
 */
import type { Membership } from '../engine/cluster/types.js';
import type { Clock } from '../engine/clock/types.js';
import type { Logger } from '../engine/log.js';
import { Scheduler } from '../engine/scheduler/index.js';
import { createStoreLedger } from '../store/fire-ledger.js';
import type { Scope, Store } from '../store/types.js';
import type { ServiceStateChanges } from '../services/ecs/services/index.js';
import type { TaskStateChanges } from '../services/ecs/tasks/index.js';
import type { CallerAuthorizer } from '../services/authorization/authorizer.js';
import type { ConnectionAuthorizer } from '../services/events/connections/authorizer.js';
import {
  DEFAULT_BUS,
  type BusEvent,
  type DeliveryOptions,
  type RuleRecord,
} from '../services/events/records.js';
import type { ScheduleRecord } from '../services/scheduler/records.js';
import type { RunTaskFunction } from './targets/ecs.js';
import { TargetInvoker } from './invoker.js';
import type { OperationCaller } from './operation-caller.js';
import { createFireNow, type FireNow } from './fire-now.js';
import { TriggerMetrics } from './metrics.js';
import { EventRouter } from './router.js';
import type { EntryKind } from './keys.js';
import { RuleSchedules } from './rules.js';
import { ScheduleEntries } from './schedules.js';

/** `fireNow` and `latestInvocations` serve the admin routes (gateway/admin/fire.ts). */
export interface Triggers extends FireNow {
  onRuleChanged(scope: Scope, rule: RuleRecord | undefined, id: string): void;
  onScheduleChanged(scope: Scope, schedule: ScheduleRecord | undefined, id: string): void;
  deliver(
    scope: Scope,
    eventBusName: string,
    events: BusEvent[],
    options?: DeliveryOptions,
  ): Promise<void>;
  metrics: TriggerMetrics;
  scheduler: Scheduler;
  invoker: TargetInvoker;
  router: EventRouter;
  /** Loads the stored rules, reports missed instants, and starts firing. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Everything forgotten (`/_teiki/reset`): the store is being emptied too. */
  reset(): void;
}

export function createTriggers(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  runTask: RunTaskFunction;
  taskStateChanges: TaskStateChanges;
  serviceStateChanges?: ServiceStateChanges;
  defaults: Scope;
  /** The node this process is: which entries it fires, and how it tells the others. */
  membership: Membership;
  connections: ConnectionAuthorizer;
  allowHttpDestinations: boolean;
  operations: OperationCaller;
  authorizer: CallerAuthorizer;
}): Triggers {
  const { membership } = deps;
  const metrics = new TriggerMetrics();
  const invoker: TargetInvoker = new TargetInvoker({
    ...deps,
    metrics,
    runnerId: membership.runnerId,
    // The router is made below; a target reaches it only once everything runs.
    deliverToBus: (scope, bus, events): Promise<void> => router.deliver(scope, bus, events),
  });
  const gone = (ids: readonly string[]) => membership.gone(ids);
  const scheduler = new Scheduler({
    clock: deps.clock,
    ledger: createStoreLedger(
      deps.store,
      membership.kind === 'shared' ? membership.runnerId : undefined,
    ),
    logger: deps.logger,
    ownership: membership,
    lateness: (ms) => metrics.lateness(ms),
  });
  // Each entry they put on the scheduler carries their own fire, missed and skipped.
  const ruleSchedules = new RuleSchedules({ store: deps.store, scheduler, invoker, metrics });
  const scheduleEntries = new ScheduleEntries({ store: deps.store, scheduler, invoker, metrics });
  const router: EventRouter = new EventRouter({
    store: deps.store,
    clock: deps.clock,
    invoker,
    metrics,
    logger: deps.logger,
  });
  const unsubscribes: Array<() => void> = [];
  const toDefaultBus = (event: BusEvent) => {
    const scope = { accountId: event.account, region: event.region };
    void router
      .deliver(scope, DEFAULT_BUS, [event])
      .catch((error: unknown) =>
        deps.logger.error('an ECS event could not be delivered', { error }),
      );
  };

  // Other nodes hear of every rule or schedule change and read it from the store, so each
  // node has every entry (and fires those it owns).
  const tellOthers = (kind: EntryKind, scope: Scope, id: string) => {
    if (membership.kind === 'solo') return;
    membership
      .publish('entry', { kind, scope, id })
      .catch((error: unknown) =>
        deps.logger.error('other nodes could not be told of a schedule change', { error }),
      );
  };
  let entryMessages: Promise<void> = Promise.resolve();
  const clusterListeners = [
    membership.subscribe('entry', (message) => {
      const { kind, scope, id } = message as unknown as {
        kind: EntryKind;
        scope: Scope;
        id: string;
      };
      // In the order they were sent: a later change must not be overtaken by an earlier one.
      entryMessages = entryMessages
        .then(async () => {
          if (kind === 'rule') {
            ruleSchedules.changed(scope, await ruleSchedules.read(scope, id), id);
          } else {
            scheduleEntries.changed(scope, await scheduleEntries.read(scope, id), id);
          }
        })
        .catch((error: unknown) =>
          deps.logger.error('a schedule change from another node failed', { error }),
        );
    }),
    membership.onReconnect(() => {
      // Changes told while the channel was down are lost: read everything again.
      entryMessages = entryMessages
        .then(() => ruleSchedules.load())
        .then(() => scheduleEntries.load())
        .catch((error: unknown) => deps.logger.error('reloading schedules failed', { error }));
    }),
    membership.onViewChange(async ({ previous }) => {
      await scheduler.takeOver((key) => membership.ownedUnder(previous, key));
      const interrupted = await invoker.log.interrupted(gone);
      if (interrupted > 0) {
        deps.logger.warn('invocations were in progress on nodes that are gone', { interrupted });
      }
    }),
  ];

  return {
    onRuleChanged: (scope, rule, id) => {
      ruleSchedules.changed(scope, rule, id);
      tellOthers('rule', scope, id);
    },
    onScheduleChanged: (scope, schedule, id) => {
      scheduleEntries.changed(scope, schedule, id);
      tellOthers('schedule', scope, id);
    },
    deliver: (scope, bus, events, options) => router.deliver(scope, bus, events, options),
    ...createFireNow({
      store: deps.store,
      clock: deps.clock,
      rules: ruleSchedules,
      schedules: scheduleEntries,
      invoker,
      defaults: deps.defaults,
    }),
    metrics,
    scheduler,
    invoker,
    router,
    async start() {
      const interrupted = await invoker.log.interrupted(gone);
      if (interrupted > 0) {
        deps.logger.warn('invocations were in progress when teiki last stopped', { interrupted });
      }
      await ruleSchedules.load();
      await scheduleEntries.load();
      await scheduler.start({ joining: membership.joinedLiveCluster });
      unsubscribes.push(deps.taskStateChanges.subscribe(toDefaultBus));
      if (deps.serviceStateChanges) {
        unsubscribes.push(deps.serviceStateChanges.subscribe(toDefaultBus));
      }
    },
    async stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      for (const stopListening of clusterListeners) stopListening();
      await entryMessages;
      await scheduler.stop();
      await router.settled();
      await deps.connections.settled();
    },
    reset() {
      scheduler.clear();
      invoker.limiter.clear();
      deps.connections.tokens.clear();
    },
  };
}
