/**
 * Scheduled and event-driven work, composed: the scheduler engine with its durable ledger,
 * the rules on it, the event router, the target invoker, their metrics and admin routes.
 * EventBridge's API reports rule changes here and hands PutEvents here; ECS task state
 * changes flow onto the default bus from here.
 */
import type { Clock } from '../../engine/clock/types.js';
import type { Logger } from '../../engine/log.js';
import { createStoreLedger, Scheduler } from '../../engine/scheduler/index.js';
import type { Scope, Store } from '../../store/types.js';
import type { TaskStateChanges } from '../ecs/tasks/index.js';
import type { CallerAuthorizer } from '../authorization/authorizer.js';
import type { ConnectionAuthorizer } from '../events/connections/authorizer.js';
import {
  DEFAULT_BUS,
  type BusEvent,
  type DeliveryOptions,
  type RuleRecord,
} from '../events/records.js';
import type { ScheduleRecord } from '../scheduler/records.js';
import type { RunTaskFunction } from '../targets/ecs-target.js';
import { TargetInvoker } from '../targets/invoker.js';
import type { OperationCaller } from '../targets/operation-caller.js';
import { schedulingAdminRoutes } from './admin.js';
import { SchedulingMetrics } from './metrics.js';
import { EventRouter } from './router.js';
import { kindOf } from './keys.js';
import { RuleSchedules } from './rules.js';
import { ScheduleEntries } from './schedules.js';

export interface Scheduling {
  onRuleChanged(scope: Scope, rule: RuleRecord | undefined, id: string): void;
  onScheduleChanged(scope: Scope, schedule: ScheduleRecord | undefined, id: string): void;
  deliver(
    scope: Scope,
    eventBusName: string,
    events: BusEvent[],
    options?: DeliveryOptions,
  ): Promise<void>;
  adminRoutes: ReturnType<typeof schedulingAdminRoutes>;
  metrics: SchedulingMetrics;
  scheduler: Scheduler;
  invoker: TargetInvoker;
  router: EventRouter;
  /** Loads the stored rules, reports missed instants, and starts firing. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Everything forgotten (`/_teiki/reset`): the store is being emptied too. */
  reset(): void;
}

export function createScheduling(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  runTask: RunTaskFunction;
  taskStateChanges: TaskStateChanges;
  defaults: Scope;
  connections: ConnectionAuthorizer;
  allowHttpDestinations: boolean;
  operations: OperationCaller;
  authorizer: CallerAuthorizer;
}): Scheduling {
  const metrics = new SchedulingMetrics();
  const invoker: TargetInvoker = new TargetInvoker({
    ...deps,
    metrics,
    // The router is made below; a target reaches it only once everything runs.
    deliverToBus: (scope, bus, events): Promise<void> => router.deliver(scope, bus, events),
  });
  // The engine's handlers need the entries, and the entries need the engine.
  const entries: { rules?: RuleSchedules; schedules?: ScheduleEntries } = {};
  const scheduler = new Scheduler({
    clock: deps.clock,
    ledger: createStoreLedger(deps.store),
    logger: deps.logger,
    handlers: {
      fire: async (key, at, claim) => {
        const kind = kindOf(key);
        if (kind === 'rule') await entries.rules?.fire(key, at, claim);
        else if (kind === 'schedule') await entries.schedules?.fire(key, at, claim);
        else await claim();
      },
      missed: async (key, at, claim) => {
        const kind = kindOf(key);
        if (kind === 'rule' && entries.rules) return entries.rules.missed(key, at, claim);
        if (kind === 'schedule' && entries.schedules) {
          return entries.schedules.missed(key, at, claim);
        }
        return claim();
      },
      skipped: async (key, summary, claim) => {
        const kind = kindOf(key);
        if (kind === 'rule' && entries.rules) await entries.rules.skipped(key, summary, claim);
        else if (kind === 'schedule' && entries.schedules) {
          await entries.schedules.skipped(key, summary, claim);
        } else await claim();
      },
      lateness: (ms) => metrics.lateness(ms),
    },
  });
  const ruleSchedules = new RuleSchedules({ store: deps.store, scheduler, invoker, metrics });
  const scheduleEntries = new ScheduleEntries({ store: deps.store, scheduler, invoker, metrics });
  entries.rules = ruleSchedules;
  entries.schedules = scheduleEntries;
  const router: EventRouter = new EventRouter({
    store: deps.store,
    clock: deps.clock,
    invoker,
    metrics,
    logger: deps.logger,
  });
  let unsubscribe: (() => void) | undefined;

  return {
    onRuleChanged: (scope, rule, id) => ruleSchedules.changed(scope, rule, id),
    onScheduleChanged: (scope, schedule, id) => scheduleEntries.changed(scope, schedule, id),
    deliver: (scope, bus, events, options) => router.deliver(scope, bus, events, options),
    adminRoutes: schedulingAdminRoutes({
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
      const interrupted = await invoker.log.interrupted();
      if (interrupted > 0) {
        deps.logger.warn('invocations were in progress when teiki last stopped', { interrupted });
      }
      await ruleSchedules.load();
      await scheduleEntries.load();
      await scheduler.start();
      unsubscribe = deps.taskStateChanges.subscribe((event) => {
        const scope = { accountId: event.account, region: event.region };
        void router
          .deliver(scope, DEFAULT_BUS, [event])
          .catch((error: unknown) =>
            deps.logger.error('a task state change could not be delivered', { error }),
          );
      });
    },
    async stop() {
      unsubscribe?.();
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
