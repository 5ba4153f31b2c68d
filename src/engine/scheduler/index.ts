export {
  Scheduler,
  MAX_MISSED_REPORTED,
  MAX_FIRED_PER_MOVE,
  SKIPPED_COUNT_LIMIT,
} from './scheduler.js';
export type {
  Claim,
  ClaimWork,
  EntryBehaviour,
  EntryOwnership,
  FireLedger,
  ScheduleEntry,
  SkippedInstants,
  StagedWrites,
} from './types.js';
export { planTakeover, TAKEOVER_FIRE_WINDOW_MS, type TakeoverPlan } from './takeover.js';
