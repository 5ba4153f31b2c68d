/**
 * Finding a schedule group. Every account and region has the `default` group without
 * creating it; it is stored only once something about it is written (its tags), so a
 * stored `default` record overlays the implicit one.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import { groupNotFound } from './errors.js';
import {
  DEFAULT_GROUP,
  SCHEDULE_GROUPS,
  scheduleGroupArn,
  type ScheduleGroupRecord,
} from './records.js';

export function groups(session: StoreSession) {
  return session.collection<ScheduleGroupRecord>(SCHEDULE_GROUPS);
}

/** The default group before anything about it was stored: it has no dates of its own. */
export function implicitDefaultGroup(scope: Scope): ScheduleGroupRecord {
  return {
    name: DEFAULT_GROUP,
    arn: scheduleGroupArn(scope, DEFAULT_GROUP),
    state: 'ACTIVE',
    tags: [],
    creationDate: 0,
    lastModificationDate: 0,
  };
}

export async function findGroup(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<ScheduleGroupRecord | undefined> {
  const stored = await groups(session).get(scope, name);
  if (stored) return stored;
  return name === DEFAULT_GROUP ? implicitDefaultGroup(scope) : undefined;
}

/** The group, or AWS's `Schedule group NAME does not exist.` */
export async function requireGroup(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<ScheduleGroupRecord> {
  const group = await findGroup(session, scope, name);
  if (!group) throw groupNotFound(name);
  return group;
}
