/**
 * Schedule expressions as EventBridge rules and EventBridge Scheduler write them:
 * `cron(M H DoM Mon DoW Y)`, `rate(N unit)` and (Scheduler only) `at(yyyy-mm-ddThh:mm:ss)`.
 * Parsing is AWS's grammar exactly; next occurrences are computed from any instant, in UTC
 * for rules and in any IANA time zone for Scheduler (a local time that does not exist
 * in a daylight-saving gap is skipped, a repeated one runs once).
 *
 * The module `./index.ts` exports:
 *   parseScheduleExpression(text: string, options?: ParseOptions): ScheduleExpression
 *     throws ScheduleExpressionError when the text is not a valid expression.
 *   describeSchedule(text: string, timeZone?: string): string
 *     a plain-English reading for the console ("every day at 02:20 UTC"), or the text.
 *   isValidTimeZone(name: string): boolean
 *     whether nextAfter can evaluate in that zone (it throws ScheduleExpressionError
 *     for one it cannot).
 */

export interface ParseOptions {
  /** Accept `at(…)` (EventBridge Scheduler); rules accept only cron and rate. */
  allowAt?: boolean;
}

export interface ScheduleExpression {
  readonly kind: 'cron' | 'rate' | 'at';
  /** The expression as given. */
  readonly text: string;
  /**
   * The first occurrence strictly after `afterMs` (epoch ms), in `timeZone` (IANA name,
   * default UTC) for cron and at; undefined when there is none (an `at` in the past, a
   * cron whose years have ended). `rate` counts from `anchorMs` (the rule's creation or
   * the schedule's start date): occurrences are anchorMs + k × period, k ≥ 1.
   */
  nextAfter(
    afterMs: number,
    options?: { timeZone?: string; anchorMs?: number },
  ): number | undefined;
}

/** Not a valid expression; the message says what is wrong (for logs and the console). */
export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}
