export { Scheduler, MAX_MISSED_REPORTED } from './scheduler.js';
export type { Claim, ClaimWork, FireLedger, ScheduleEntry, SchedulerHandlers } from './types.js';
export { createStoreLedger } from './store-ledger.js';
