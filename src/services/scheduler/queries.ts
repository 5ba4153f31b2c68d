/**
 * EventBridge Scheduler's read model: schedules whole (ListSchedules gives a summary,
 * GetSchedule one schedule a call), and how many a scope has.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import { SCHEDULES, scheduleId, type ScheduleRecord } from './records.js';

export { DEFAULT_GROUP } from './records.js';

export class ScheduleQueries {
  constructor(private readonly store: StoreSession) {}

  /** Every schedule of the scope, in every group. */
  async all(scope: Scope): Promise<ScheduleRecord[]> {
    const entries = await this.store.collection<ScheduleRecord>(SCHEDULES).list(scope);
    return entries.map((e) => e.value);
  }

  get(scope: Scope, groupName: string, name: string): Promise<ScheduleRecord | undefined> {
    return this.store.collection<ScheduleRecord>(SCHEDULES).get(scope, scheduleId(groupName, name));
  }

  count(scope: Scope): Promise<number> {
    return this.store.collection(SCHEDULES).count(scope);
  }
}
