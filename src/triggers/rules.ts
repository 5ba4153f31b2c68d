/**
 * EventBridge rules with a schedule expression, on the scheduler engine: each ENABLED
 * rule is one entry; at each instant its targets get the `Scheduled Event`.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_FIRED_PER_MOVE,
  type Claim,
  type Scheduler,
  type ScheduleEntry,
  type SkippedInstants,
} from '../engine/scheduler/index.js';
import { eventTimeMemo } from '../engine/clock/iso-time.js';
import { parseScheduleExpression } from '../engine/schedule-expressions/index.js';
import type { ScheduleExpression } from '../engine/schedule-expressions/types.js';
import { groupedGets } from '../store/grouped-reads.js';
import type { Scope, Store } from '../store/types.js';
import { entryKey } from './keys.js';
import { RULES, type RuleRecord } from '../services/events/records.js';
import type { InvocationRequest, TargetInvoker } from './invoker.js';
import type { TriggerMetrics } from './metrics.js';

export class RuleSchedules {
  /** Parsed expressions shared by every rule that uses the same text. */
  readonly #expressions = new Map<string, ScheduleExpression>();
  /**
   * The stored rule, read fresh; the firings of one instant read theirs as one statement.
   */
  readonly #get: (scope: Scope, id: string) => Promise<RuleRecord | undefined>;

  constructor(
    private readonly deps: {
      store: Store;
      scheduler: Scheduler;
      invoker: TargetInvoker;
      metrics: TriggerMetrics;
    },
  ) {
    this.#get = groupedGets(deps.store.collection<RuleRecord>(RULES));
  }

  /** Puts every stored scheduled rule on the scheduler (at start, before it runs). */
  async load(): Promise<void> {
    for (const entry of await this.deps.store.collection<RuleRecord>(RULES).listAllScopes()) {
      this.changed(entry.scope, entry.value, entry.id);
    }
  }

  /** The stored rule (a change another node made). */
  read(scope: Scope, id: string): Promise<RuleRecord | undefined> {
    return this.#get(scope, id);
  }

  /** A rule was saved or deleted: re-index it. */
  changed(scope: Scope, rule: RuleRecord | undefined, id: string): void {
    const key = entryKey('rule', scope, id);
    if (!rule?.scheduleExpression || rule.state === 'DISABLED') {
      this.deps.scheduler.remove(key);
      return;
    }
    const expression = this.#expression(rule.scheduleExpression);
    if (!expression) {
      this.deps.scheduler.remove(key);
      return;
    }
    const entry: ScheduleEntry = {
      key,
      nextAfter: ruleNextAfter(rule, expression),
      fire: (scheduledMs, claim) => this.#fire(scope, id, scheduledMs, claim),
      missed: (scheduledMs, claim) => this.#missed(scope, id, scheduledMs, claim),
      skipped: (summary, claim) => this.#skipped(scope, id, summary, claim),
    };
    this.deps.scheduler.upsert(entry, scheduleAnchorMs(rule));
  }

  /**
   * The rule's targets get the Scheduled Event for the instant. Their pending invocation
   * records are written with the claim, so a kill at any moment leaves the instant
   * either unclaimed or visibly in progress, never silently lost.
   */
  async #fire(scope: Scope, id: string, scheduledMs: number, claim: Claim): Promise<void> {
    const rule = await this.#get(scope, id);
    if (!rule || rule.state === 'DISABLED') {
      await claim();
      return;
    }
    const requests = this.#requests(scope, rule, scheduledMs);
    const ids: string[] = [];
    const claimed = await claim((writes) => {
      for (const request of requests) {
        ids.push(this.deps.invoker.log.stage(writes, this.deps.invoker.pending(request)));
      }
    });
    if (!claimed) return;
    this.deps.metrics.triggeredRule();
    await Promise.all(requests.map((request, i) => this.deps.invoker.invoke(request, ids[i])));
  }

  /** Fires the rule's targets now, outside the schedule (`POST /_teiki/fire`). */
  async invokeTargets(scope: Scope, rule: RuleRecord, scheduledMs: number) {
    this.deps.metrics.triggeredRule();
    return Promise.all(
      this.#requests(scope, rule, scheduledMs).map((request) => this.deps.invoker.invoke(request)),
    );
  }

  async #missed(scope: Scope, id: string, scheduledMs: number, claim: Claim): Promise<boolean> {
    const rule = await this.#get(scope, id);
    return claim((writes) => {
      for (const target of rule?.targets ?? []) {
        const record = this.deps.invoker.missed({
          source: 'rule',
          name: rule?.name ?? id,
          container: rule?.eventBusName ?? '',
          scope,
          target,
          scheduledMs,
        });
        this.deps.invoker.log.stage(writes, record);
      }
    });
  }

  /** One record per target for the instants a clock move passed beyond its cap. */
  async #skipped(scope: Scope, id: string, summary: SkippedInstants, claim: Claim) {
    const rule = await this.#get(scope, id);
    await claim((writes) => {
      for (const target of rule?.targets ?? []) {
        const request = {
          source: 'rule' as const,
          name: rule?.name ?? id,
          container: rule?.eventBusName ?? '',
          scope,
          target,
          scheduledMs: summary.fromMs,
        };
        const record = this.deps.invoker.skipped(request, summary, MAX_FIRED_PER_MOVE);
        this.deps.invoker.log.stage(writes, record);
      }
    });
  }

  #requests(scope: Scope, rule: RuleRecord, scheduledMs: number): InvocationRequest[] {
    const event = scheduledEvent(scope, rule, scheduledMs);
    return rule.targets.map((target) => ({
      source: 'rule',
      name: rule.name,
      container: rule.eventBusName,
      scope,
      target,
      event,
      scheduledMs,
      startedBy: `events-rule/${rule.name}`,
      servicePrincipal: 'events.amazonaws.com',
    }));
  }

  #expression(text: string): ScheduleExpression | undefined {
    let expression = this.#expressions.get(text);
    if (!expression) {
      try {
        expression = parseScheduleExpression(text);
      } catch {
        return undefined;
      }
      this.#expressions.set(text, expression);
    }
    return expression;
  }
}

/** When a rule's schedule was set: a rate counts its instants from here. */
function scheduleAnchorMs(rule: RuleRecord): number {
  return rule.scheduleSetAt ?? rule.createdAt;
}

/** A rule's next instant strictly after `ms`, as the scheduler fires it. */
export function ruleNextAfter(
  rule: RuleRecord,
  expression: ScheduleExpression,
): (ms: number) => number | undefined {
  const anchorMs = scheduleAnchorMs(rule);
  return (ms) => expression.nextAfter(ms, { anchorMs });
}

const eventTime = eventTimeMemo();

/** The event a schedule puts on the bus: AWS's `Scheduled Event` envelope. */
export function scheduledEvent(scope: Scope, rule: RuleRecord, scheduledMs: number) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: scope.accountId,
    time: eventTime(scheduledMs),
    region: scope.region,
    resources: [rule.arn],
    detail: {},
  };
}
