/**
 * CreateSchedule, GetSchedule, UpdateSchedule and DeleteSchedule. A schedule's settings are
 * checked (and its role asked of IAM) before the store is touched; the change is one
 * transaction, and the scheduler engine hears of it once it is committed.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import type { RoleDirectory } from '../sts/roles.js';
import { forgetToken, isReplay, keepToken, scheduleTokenId } from './client-tokens.js';
import type { SchedulerDeps } from './deps.js';
import { scheduleExists, scheduleNotFound } from './errors.js';
import type {
  CreateScheduleInput,
  CreateScheduleOutput,
  DeleteScheduleInput,
  DeleteScheduleOutput,
  GetScheduleInput,
  GetScheduleOutput,
  UpdateScheduleInput,
  UpdateScheduleOutput,
} from './generated/types.js';
import { requireGroup } from './groups.js';
import {
  DEFAULT_GROUP,
  SCHEDULES,
  scheduleArn,
  scheduleId,
  type ScheduleRecord,
} from './records.js';
import { checkRoleAssumable } from './role-check.js';
import { scheduleSettings } from './schedule-input.js';
import { scheduleOutput } from './schedule-output.js';
import { scopeOf } from '../context.js';

export interface ScheduleOperationDeps extends SchedulerDeps {
  roles: RoleDirectory;
}

function schedules(session: StoreSession) {
  return session.collection<ScheduleRecord>(SCHEDULES);
}

/** The settings of a create or update, checked, and the role Scheduler would assume. */
async function checkedSettings(
  deps: ScheduleOperationDeps,
  scope: Scope,
  groupName: string,
  input: CreateScheduleInput | UpdateScheduleInput,
) {
  const settings = scheduleSettings(input, deps.clock.nowMs());
  await checkRoleAssumable(deps.roles, scope, groupName, input.Target.RoleArn);
  return settings;
}

export async function createSchedule(
  deps: ScheduleOperationDeps,
  input: CreateScheduleInput,
  ctx: RequestContext,
): Promise<CreateScheduleOutput> {
  const scope = scopeOf(ctx);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  const id = scheduleId(groupName, input.Name);
  const arn = scheduleArn(scope, groupName, input.Name);
  const settings = await checkedSettings(deps, scope, groupName, input);
  const created = await deps.store.transaction(async (tx) => {
    await requireGroup(tx, scope, groupName);
    if (await schedules(tx).get(scope, id)) {
      if (await isReplay(tx, scope, scheduleTokenId(id), input)) return undefined;
      throw scheduleExists(input.Name);
    }
    const now = deps.clock.nowMs();
    const record: ScheduleRecord = {
      name: input.Name,
      groupName,
      arn,
      ...settings,
      creationDate: now,
      lastModificationDate: now,
    };
    await schedules(tx).put(scope, id, record);
    await keepToken(tx, scope, scheduleTokenId(id), input);
    return record;
  });
  if (created) deps.onScheduleChanged(scope, created, id);
  return { ScheduleArn: arn };
}

export async function getSchedule(
  deps: SchedulerDeps,
  input: GetScheduleInput,
  ctx: RequestContext,
): Promise<GetScheduleOutput> {
  const scope = scopeOf(ctx);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  await requireGroup(deps.store, scope, groupName);
  const schedule = await schedules(deps.store).get(scope, scheduleId(groupName, input.Name));
  if (!schedule) throw scheduleNotFound(input.Name);
  return scheduleOutput(schedule);
}

export async function updateSchedule(
  deps: ScheduleOperationDeps,
  input: UpdateScheduleInput,
  ctx: RequestContext,
): Promise<UpdateScheduleOutput> {
  const scope = scopeOf(ctx);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  const id = scheduleId(groupName, input.Name);
  const settings = await checkedSettings(deps, scope, groupName, input);
  const updated = await deps.store.transaction(async (tx) => {
    await requireGroup(tx, scope, groupName);
    const current = await schedules(tx).get(scope, id);
    if (!current) throw scheduleNotFound(input.Name);
    // A full replacement: only the identity and the creation date survive.
    const record: ScheduleRecord = {
      name: current.name,
      groupName: current.groupName,
      arn: current.arn,
      ...settings,
      creationDate: current.creationDate,
      lastModificationDate: deps.clock.nowMs(),
    };
    await schedules(tx).put(scope, id, record);
    return record;
  });
  deps.onScheduleChanged(scope, updated, id);
  return { ScheduleArn: updated.arn };
}

export async function deleteSchedule(
  deps: SchedulerDeps,
  input: DeleteScheduleInput,
  ctx: RequestContext,
): Promise<DeleteScheduleOutput> {
  const scope = scopeOf(ctx);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  const id = scheduleId(groupName, input.Name);
  await deps.store.transaction(async (tx) => {
    await requireGroup(tx, scope, groupName);
    if (!(await schedules(tx).delete(scope, id))) throw scheduleNotFound(input.Name);
    await forgetToken(tx, scope, scheduleTokenId(id));
  });
  deps.onScheduleChanged(scope, undefined, id);
  return {};
}
