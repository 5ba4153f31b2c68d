/**
 * EventBridge Scheduler schedules on the scheduler engine: each ENABLED schedule is one
 * entry timed by its expression, zone, dates and flexible window; at each firing its target
 * is invoked as the schedule's role (`scheduler.amazonaws.com`), and a finished one-time
 * schedule with ActionAfterCompletion DELETE is deleted.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_FIRED_PER_MOVE,
  type Claim,
  type Scheduler,
  type SkippedInstants,
} from '../engine/scheduler/index.js';
import { eventTimeMemo, isoTimeMemo } from '../engine/clock/iso-time.js';
import type { ScheduleExpression } from '../engine/schedule-expressions/types.js';
import { groupedGets } from '../store/grouped-reads.js';
import type { Scope, Store } from '../store/types.js';
import { entryKey } from './keys.js';
import type { Target as EventsTarget } from '../services/events/generated/types.js';
import { parseSchedulerExpression } from '../services/scheduler/expression.js';
import type { Target } from '../services/scheduler/generated/types.js';
import { SCHEDULES, type ScheduleRecord } from '../services/scheduler/records.js';
import type { InvocationRequest, TargetInvoker } from './invoker.js';
import type { TriggerMetrics } from './metrics.js';
import { scheduleTiming, type ScheduleTiming } from './schedule-timing.js';

export class ScheduleEntries {
  readonly #expressions = new Map<string, ScheduleExpression>();
  /**
   * The stored schedule, read fresh; the firings of one instant read theirs as one statement.
   */
  readonly #get: (scope: Scope, id: string) => Promise<ScheduleRecord | undefined>;
  readonly #timings = new Map<string, ScheduleTiming>();

  constructor(
    private readonly deps: {
      store: Store;
      scheduler: Scheduler;
      invoker: TargetInvoker;
      metrics: TriggerMetrics;
    },
  ) {
    this.#get = groupedGets(deps.store.collection<ScheduleRecord>(SCHEDULES));
  }

  async load(): Promise<void> {
    const all = await this.deps.store.collection<ScheduleRecord>(SCHEDULES).listAllScopes();
    for (const entry of all) this.changed(entry.scope, entry.value, entry.id);
  }

  /** The stored schedule (a change another node made). */
  read(scope: Scope, id: string): Promise<ScheduleRecord | undefined> {
    return this.#get(scope, id);
  }

  changed(scope: Scope, schedule: ScheduleRecord | undefined, id: string): void {
    const key = entryKey('schedule', scope, id);
    const expression = schedule && this.#expression(schedule.scheduleExpression);
    if (!schedule || schedule.state === 'DISABLED' || !expression) {
      this.#timings.delete(key);
      this.deps.scheduler.remove(key);
      return;
    }
    const timing = scheduleTiming(key, schedule, expression);
    this.#timings.set(key, timing);
    this.deps.scheduler.upsert(
      {
        key,
        nextAfter: (ms) => timing.nextFiringAfter(ms),
        fire: (firingMs, claim) => this.#fire(scope, id, firingMs, claim),
        missed: (firingMs, claim) => this.#missed(scope, id, firingMs, claim),
        skipped: (summary, claim) => this.#skipped(scope, id, summary, claim),
      },
      schedule.lastModificationDate,
    );
  }

  async #fire(scope: Scope, id: string, firingMs: number, claim: Claim): Promise<void> {
    const schedule = await this.#get(scope, id);
    if (!schedule || schedule.state === 'DISABLED') {
      await claim();
      return;
    }
    const request = this.#request(scope, schedule, this.#nominal(scope, id, firingMs));
    let recordId = '';
    const claimed = await claim((writes) => {
      recordId = this.deps.invoker.log.stage(writes, this.deps.invoker.pending(request));
    });
    if (!claimed) return;
    this.deps.metrics.triggeredRule();
    await this.deps.invoker.invoke(request, recordId);
    await this.#afterCompletion(scope, id, schedule, firingMs);
  }

  /** Fires the schedule's target now (`POST /_teiki/fire`). */
  async invokeNow(scope: Scope, schedule: ScheduleRecord, nowMs: number) {
    this.deps.metrics.triggeredRule();
    return this.deps.invoker.invoke(this.#request(scope, schedule, nowMs));
  }

  async #missed(scope: Scope, id: string, firingMs: number, claim: Claim): Promise<boolean> {
    const schedule = await this.#get(scope, id);
    return claim((writes) => {
      if (!schedule) return;
      const record = this.deps.invoker.missed({
        source: 'schedule',
        name: schedule.name,
        container: schedule.groupName,
        scope,
        target: eventsTarget(schedule.target),
        scheduledMs: this.#nominal(scope, id, firingMs),
      });
      this.deps.invoker.log.stage(writes, record);
    });
  }

  /** One record for the instants a clock move passed beyond its cap. */
  async #skipped(scope: Scope, id: string, summary: SkippedInstants, claim: Claim) {
    const schedule = await this.#get(scope, id);
    await claim((writes) => {
      if (!schedule) return;
      // A flexible window fires each instant a little later: report the nominal one.
      const nominal = { ...summary, fromMs: this.#nominal(scope, id, summary.fromMs) };
      const request = {
        source: 'schedule' as const,
        name: schedule.name,
        container: schedule.groupName,
        scope,
        target: eventsTarget(schedule.target),
        scheduledMs: nominal.fromMs,
      };
      const record = this.deps.invoker.skipped(request, nominal, MAX_FIRED_PER_MOVE);
      this.deps.invoker.log.stage(writes, record);
    });
  }

  /** A one-time schedule (or one past its EndDate) with DELETE goes once it has run. */
  async #afterCompletion(scope: Scope, id: string, schedule: ScheduleRecord, firingMs: number) {
    if (schedule.actionAfterCompletion !== 'DELETE') return;
    if (this.#timing(scope, id)?.nextFiringAfter(firingMs) !== undefined) return;
    await this.deps.store.collection<ScheduleRecord>(SCHEDULES).delete(scope, id);
    this.changed(scope, undefined, id);
  }

  #nominal(scope: Scope, id: string, firingMs: number): number {
    return this.#timing(scope, id)?.nominalOf(firingMs) ?? firingMs;
  }

  /** How the schedule fires as last changed (a firing reads the latest, like its record). */
  #timing(scope: Scope, id: string): ScheduleTiming | undefined {
    return this.#timings.get(entryKey('schedule', scope, id));
  }

  #request(scope: Scope, schedule: ScheduleRecord, scheduledMs: number): InvocationRequest {
    const executionId = randomUUID();
    const input = schedule.target.Input;
    return {
      source: 'schedule',
      name: schedule.name,
      container: schedule.groupName,
      scope,
      target: eventsTarget(schedule.target),
      event: { id: executionId, time: scheduledIso(scheduledMs) },
      scheduledMs,
      startedBy: `chronos-schedule/${schedule.name}`,
      servicePrincipal: 'scheduler.amazonaws.com',
      ...(input !== undefined
        ? { input: withContext(input, schedule.arn, scheduledMs, executionId) }
        : {}),
      ...(schedule.target.EventBridgeParameters
        ? { eventBridgeParameters: schedule.target.EventBridgeParameters }
        : {}),
    };
  }

  #expression(text: string): ScheduleExpression | undefined {
    let expression = this.#expressions.get(text);
    if (!expression) {
      expression = parseSchedulerExpression(text);
      if (!expression) return undefined;
      this.#expressions.set(text, expression);
    }
    return expression;
  }
}

/** The firings of one instant share these times (see iso-time.ts). */
const scheduledIso = isoTimeMemo();
const contextTime = eventTimeMemo();

/** Scheduler's context attributes, filled into the target's Input as AWS does. */
function withContext(input: string, arn: string, scheduledMs: number, executionId: string) {
  return input
    .replaceAll('<aws.scheduler.schedule-arn>', arn)
    .replaceAll('<aws.scheduler.scheduled-time>', contextTime(scheduledMs))
    .replaceAll('<aws.scheduler.execution-id>', executionId)
    .replaceAll('<aws.scheduler.attempt-number>', '1');
}

/** A Scheduler target in the shape the invoker takes (EventBridge's). */
function eventsTarget(target: Target): EventsTarget {
  const params = target.EcsParameters;
  return {
    Id: 'schedule-target',
    Arn: target.Arn,
    RoleArn: target.RoleArn,
    ...(target.RetryPolicy ? { RetryPolicy: target.RetryPolicy } : {}),
    ...(target.DeadLetterConfig ? { DeadLetterConfig: target.DeadLetterConfig } : {}),
    ...(params
      ? {
          EcsParameters: {
            ...params,
            ...(params.Tags ? { Tags: tagList(params.Tags) } : {}),
          } as EventsTarget['EcsParameters'],
        }
      : {}),
  };
}

/** Scheduler writes ECS tags as a list of maps; each map is `{key, value}` or `{Key: Value}`. */
function tagList(maps: Record<string, string>[]): Array<{ Key: string; Value: string }> {
  return maps.flatMap((map) =>
    'key' in map
      ? [{ Key: map.key ?? '', Value: map.value ?? '' }]
      : Object.entries(map).map(([Key, Value]) => ({ Key, Value })),
  );
}
