/**
 * The numbers a rolling deployment and the service scheduler go by, as ECS documents them:
 * - the tasks that must stay healthy: desiredCount × minimumHealthyPercent / 100, rounded
 *   up; the most that may run: desiredCount × maximumPercent / 100, rounded down;
 * - the deployment circuit breaker's failure threshold: 0.5 × the desired count, at
 *   least 3 and at most 200 (rounding up is teiki's reading of "0.5 *");
 * - the throttle on tasks that stop without reaching RUNNING: the time between launch
 *   attempts grows, up to 27 minutes ("Amazon ECS service throttle logic"). How it grows
 *   is not documented: teiki waits 10 s after the second consecutive failure and doubles
 *   that with each further one.
 */

export function minimumHealthyTasks(desiredCount: number, minimumHealthyPercent: number): number {
  return Math.ceil((desiredCount * minimumHealthyPercent) / 100);
}

export function maximumTasks(desiredCount: number, maximumPercent: number): number {
  return Math.floor((desiredCount * maximumPercent) / 100);
}

export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(0.5 * desiredCount)));
}

export const MAX_THROTTLE_MS = 27 * 60 * 1000;
const FIRST_THROTTLE_MS = 10_000;

/** The wait before the next launch after `failures` consecutive start failures. */
export function throttleDelayMs(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(MAX_THROTTLE_MS, FIRST_THROTTLE_MS * 2 ** Math.min(failures - 2, 20));
}

/** Failures from which the throttle is on (and the service says so in an event). */
export const THROTTLE_FROM_FAILURES = 2;
