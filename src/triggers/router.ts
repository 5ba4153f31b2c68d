/**
 * Events on a bus reach the targets of the bus's ENABLED rules whose pattern matches them:
 * PutEvents, and the ECS task state changes AWS puts on the default bus. Matching runs
 * while the caller waits; the targets are invoked in the background (as on AWS, PutEvents
 * does not wait for targets).
 */
import { compileEventPattern } from '../engine/event-pattern/index.js';
import type { EventPattern } from '../engine/event-pattern/types.js';
import type { Clock } from '../engine/clock/types.js';
import type { Logger } from '../engine/log.js';
import type { Scope, Store } from '../store/types.js';
import { appendToArchive } from '../services/events/archives/events-store.js';
import {
  RULES,
  type BusEvent,
  type DeliveryOptions,
  type RuleRecord,
} from '../services/events/records.js';
import type { TargetInvoker } from './invoker.js';
import type { TriggerMetrics } from './metrics.js';

export class EventRouter {
  /** Compiled patterns by their text; `null` for a pattern that no longer compiles. */
  readonly #patterns = new Map<string, EventPattern | null>();
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      invoker: TargetInvoker;
      metrics: TriggerMetrics;
      logger: Logger;
    },
  ) {}

  async deliver(
    scope: Scope,
    eventBusName: string,
    events: readonly BusEvent[],
    options: DeliveryOptions = {},
  ): Promise<void> {
    const rules = await this.deps.store
      .collection<RuleRecord>(RULES)
      .list(scope, { prefix: `${eventBusName}|` });
    const archived: Array<{ archive: { name: string; id: string }; events: BusEvent[] }> = [];
    for (const { value: rule } of rules) {
      if (rule.state === 'DISABLED' || rule.eventPattern === undefined) continue;
      if (options.filterArns && !options.filterArns.includes(rule.arn)) continue;
      const pattern = this.#pattern(rule.eventPattern);
      if (!pattern) continue;
      const matched = events.filter((event) => pattern.matches(event));
      if (matched.length === 0) continue;
      if (rule.archive) {
        // An archive's managed rule keeps the events; its target is never invoked.
        archived.push({ archive: rule.archive, events: matched });
        continue;
      }
      for (const event of matched) {
        this.deps.metrics.triggeredRule();
        for (const target of rule.targets) {
          this.#track(
            this.deps.invoker.invoke({
              source: 'rule',
              name: rule.name,
              container: rule.eventBusName,
              scope,
              target,
              event: event as unknown as { id: string; time: string } & Record<string, unknown>,
              scheduledMs: Date.parse(event.time),
              startedBy: `events-rule/${rule.name}`,
              servicePrincipal: 'events.amazonaws.com',
            }),
          );
        }
      }
    }
    for (const { archive, events: kept } of archived) {
      await this.deps.store.transaction((tx) =>
        appendToArchive(tx, scope, archive, kept, this.deps.clock.nowMs()),
      );
    }
  }

  /** Waits for invocations in flight (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  #pattern(text: string): EventPattern | null {
    const known = this.#patterns.get(text);
    if (known !== undefined) return known;
    let pattern: EventPattern | null = null;
    try {
      pattern = compileEventPattern(text);
    } catch (error) {
      this.deps.logger.warn('a stored event pattern does not compile', { error });
    }
    this.#patterns.set(text, pattern);
    return pattern;
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.deps.logger.error('an event target invocation failed', { error }),
    );
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }
}
