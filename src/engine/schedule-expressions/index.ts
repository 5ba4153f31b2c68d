/**
 * Schedule expressions as EventBridge rules and Scheduler write them. See ./types.ts for
 * the contract; the grammar is in cron-parse.ts, rate.ts and at.ts.
 */
export type { ParseOptions, ScheduleExpression } from './types.js';
export { ScheduleExpressionError } from './types.js';
export { parseScheduleExpression } from './expressions.js';
export { describeSchedule } from './describe.js';
export { isValidTimeZone } from './zone.js';
