/** Log groups: creation, deletion, retention and deletion protection. */
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import { groupFilterPrefix, METRIC_FILTERS } from './metric-filters/records.js';
import {
  InvalidParameterException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ValidationException,
} from './generated/errors.js';
import type {
  CreateLogGroupRequest,
  DeleteLogGroupRequest,
  DeleteRetentionPolicyRequest,
  PutLogGroupDeletionProtectionRequest,
  PutRetentionPolicyRequest,
} from './generated/types.js';
import { GROUP_NOT_FOUND, groupNameOf, requireGroup } from './lookup.js';
import { GROUPS, STREAMS, streamPrefix, type LogGroupRecord } from './records.js';
import { RETENTION_DAYS, type RetentionSweeper } from './retention.js';
import { scopeOf } from '../context.js';

type Empty = Record<string, never>;

export async function createLogGroup(
  deps: LogsDeps,
  input: CreateLogGroupRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const created = await insertLogGroup(deps, scopeOf(ctx), input);
  if (!created) throw new ResourceAlreadyExistsException('The specified log group already exists');
  return {};
}

/**
 * Creates a group as CreateLogGroup does, for teiki's own producers that have no request
 * (the ECS awslogs driver); `false`, and no change, when the group already exists.
 */
export async function insertLogGroup(
  deps: LogsDeps,
  scope: Scope,
  input: CreateLogGroupRequest,
): Promise<boolean> {
  const record: LogGroupRecord = {
    logGroupName: input.logGroupName,
    creationTime: deps.clock.nowMs(),
    logGroupClass: input.logGroupClass ?? 'STANDARD',
    tags: { ...(input.tags ?? {}) },
    ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
    ...(input.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
  };
  return deps.store.collection<LogGroupRecord>(GROUPS).insert(scope, input.logGroupName, record);
}

export async function deleteLogGroup(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  input: DeleteLogGroupRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  const group = await requireGroup(deps, scope, input.logGroupName);
  if (group.deletionProtectionEnabled) {
    throw new ValidationException(
      'Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
    );
  }
  await deps.store.transaction(async (tx) => {
    const streams = tx.collection(STREAMS);
    for (const entry of await streams.list(scope, { prefix: streamPrefix(input.logGroupName) })) {
      await streams.delete(scope, entry.id);
    }
    // A group's metric filters go with it, as on AWS.
    const filters = tx.collection(METRIC_FILTERS);
    for (const entry of await filters.list(scope, {
      prefix: groupFilterPrefix(input.logGroupName),
    })) {
      await filters.delete(scope, entry.id);
    }
    await tx.collection(GROUPS).delete(scope, input.logGroupName);
  });
  await deps.store.logEvents.deleteGroup(scope, input.logGroupName);
  sweeper.forget(scope, input.logGroupName);
  return {};
}

export async function putRetentionPolicy(
  deps: LogsDeps,
  input: PutRetentionPolicyRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const days = input.retentionInDays;
  if (!(RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new InvalidParameterException(
      `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy ` +
        `constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  await updateGroup(deps, ctx, input.logGroupName, (group) => ({
    ...group,
    retentionInDays: days,
  }));
  return {};
}

export async function deleteRetentionPolicy(
  deps: LogsDeps,
  input: DeleteRetentionPolicyRequest,
  ctx: RequestContext,
): Promise<Empty> {
  await updateGroup(deps, ctx, input.logGroupName, (group) => {
    const { retentionInDays: _dropped, ...rest } = group;
    return rest;
  });
  return {};
}

export async function putLogGroupDeletionProtection(
  deps: LogsDeps,
  input: PutLogGroupDeletionProtectionRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const name = groupNameOf(scopeOf(ctx), { logGroupIdentifier: input.logGroupIdentifier });
  await updateGroup(deps, ctx, name, (group) => {
    const { deletionProtectionEnabled: _previous, ...rest } = group;
    return input.deletionProtectionEnabled ? { ...rest, deletionProtectionEnabled: true } : rest;
  });
  return {};
}

/** Read-modify-write of one group record, atomically, or ResourceNotFound. */
export async function updateGroup(
  deps: LogsDeps,
  ctx: RequestContext,
  logGroupName: string,
  change: (group: LogGroupRecord) => LogGroupRecord,
): Promise<LogGroupRecord> {
  const scope = scopeOf(ctx);
  return deps.store.transaction(async (tx) => {
    const groups = tx.collection<LogGroupRecord>(GROUPS);
    const current = await groups.get(scope, logGroupName);
    if (!current) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
    const next = change(current);
    await groups.put(scope, logGroupName, next);
    return next;
  });
}
