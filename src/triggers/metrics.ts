/** Prometheus figures for scheduled work: invocations by outcome, rules triggered, lateness. */
import type { InvocationOutcome } from './invocations.js';

/** Upper bounds (seconds) of the lateness histogram's buckets. */
const LATENESS_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5];

export class TriggerMetrics {
  readonly #invocations = new Map<InvocationOutcome, number>();
  #triggeredRules = 0;
  readonly #lateness = LATENESS_BUCKETS.map(() => 0);
  #latenessCount = 0;
  #latenessSum = 0;

  invocation(outcome: InvocationOutcome): void {
    this.#invocations.set(outcome, (this.#invocations.get(outcome) ?? 0) + 1);
  }

  triggeredRule(): void {
    this.#triggeredRules += 1;
  }

  lateness(ms: number): void {
    const seconds = Math.max(0, ms) / 1000;
    LATENESS_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.#lateness[i] = (this.#lateness[i] ?? 0) + 1;
    });
    this.#latenessCount += 1;
    this.#latenessSum += seconds;
  }

  render(): string {
    const failed = ['failed', 'dead-lettered'].reduce(
      (sum, outcome) => sum + (this.#invocations.get(outcome as InvocationOutcome) ?? 0),
      0,
    );
    return [
      '# HELP teiki_invocations_total Target invocations of rules and schedules, by outcome.',
      '# TYPE teiki_invocations_total counter',
      ...[...this.#invocations].map(([o, n]) => `teiki_invocations_total{outcome="${o}"} ${n}`),
      '# HELP teiki_failed_invocations_total Target invocations that failed for good.',
      '# TYPE teiki_failed_invocations_total counter',
      `teiki_failed_invocations_total ${failed}`,
      '# HELP teiki_triggered_rules_total Rules triggered by a schedule or a matching event.',
      '# TYPE teiki_triggered_rules_total counter',
      `teiki_triggered_rules_total ${this.#triggeredRules}`,
      '# HELP teiki_schedule_lateness_seconds How late scheduled firings started after their instant.',
      '# TYPE teiki_schedule_lateness_seconds histogram',
      ...LATENESS_BUCKETS.map(
        (bound, i) =>
          `teiki_schedule_lateness_seconds_bucket{le="${bound}"} ${this.#lateness[i] ?? 0}`,
      ),
      `teiki_schedule_lateness_seconds_bucket{le="+Inf"} ${this.#latenessCount}`,
      `teiki_schedule_lateness_seconds_sum ${this.#latenessSum.toFixed(6)}`,
      `teiki_schedule_lateness_seconds_count ${this.#latenessCount}`,
      '',
    ].join('\n');
  }
}
