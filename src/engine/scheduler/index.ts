export {
  Scheduler,
  MAX_MISSED_REPORTED,
  MAX_FIRED_PER_MOVE,
  SKIPPED_COUNT_LIMIT,
} from './scheduler.js';
export type {
  Claim,
  ClaimWork,
  FireLedger,
  ScheduleEntry,
  SchedulerHandlers,
  SkippedInstants,
} from './types.js';
export { createStoreLedger } from './store-ledger.js';
