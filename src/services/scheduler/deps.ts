import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import type { ScheduleRecord } from './records.js';

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  /**
   * Told after every committed change of a schedule (create, update, delete, and each
   * schedule a group deletion removes), with the schedule as stored or `undefined` once
   * deleted, so the scheduler engine can re-index it. `id` is `GROUP|NAME`.
   */
  onScheduleChanged(scope: Scope, schedule: ScheduleRecord | undefined, id: string): void;
}
