export {
  Scheduler,
  MAX_MISSED_REPORTED,
  MAX_FIRED_PER_MOVE,
  SKIPPED_COUNT_LIMIT,
} from './scheduler.js';
export type {
  Claim,
  ClaimWork,
  EntryOwnership,
  FireLedger,
  ScheduleEntry,
  SchedulerHandlers,
  SkippedInstants,
} from './types.js';
export { createStoreLedger } from './store-ledger.js';
export { planTakeover, TAKEOVER_FIRE_WINDOW_MS, type TakeoverPlan } from './takeover.js';
