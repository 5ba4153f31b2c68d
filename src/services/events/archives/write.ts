/**
 * CreateArchive, UpdateArchive and DeleteArchive. An archive and its managed rule change
 * in one store transaction; the scheduler hears of the rule after the commit.
 */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import type {
  CreateArchiveRequest,
  CreateArchiveResponse,
  DeleteArchiveRequest,
  DeleteArchiveResponse,
  UpdateArchiveRequest,
  UpdateArchiveResponse,
} from '../generated/types.js';
import { compilePattern } from '../put-rule.js';
import { archiveExists, archiveNotFound, updateOfMissingArchive } from './errors.js';
import { archives, dropArchivedEvents } from './events-store.js';
import { deleteArchiveRule, putArchiveRule } from './managed-rule.js';
import { writeOutput } from './output.js';
import { archiveArn, type ArchiveRecord } from './records.js';
import { archiveSourceBus } from './source.js';
import { scopeOf } from '../../context.js';

function present(pattern: string | undefined): pattern is string {
  return pattern !== undefined && pattern !== '';
}

export async function createArchive(
  deps: EventsDeps,
  input: CreateArchiveRequest,
  ctx: RequestContext,
): Promise<CreateArchiveResponse> {
  const scope = scopeOf(ctx);
  if (present(input.EventPattern)) compilePattern(input.EventPattern);
  const { archive, ruleId, rule } = await deps.store.transaction(async (tx) => {
    const busName = await archiveSourceBus(tx, scope, input.EventSourceArn);
    if (await archives(tx).get(scope, input.ArchiveName)) throw archiveExists(input.ArchiveName);
    const now = deps.clock.nowMs();
    const created: ArchiveRecord = {
      name: input.ArchiveName,
      arn: archiveArn(scope, input.ArchiveName),
      id: randomUUID(),
      eventSourceArn: input.EventSourceArn,
      busName,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(present(input.EventPattern) ? { eventPattern: input.EventPattern } : {}),
      ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
      retentionDays: input.RetentionDays ?? 0,
      state: 'ENABLED',
      creationTime: now,
      eventCount: 0,
      sizeBytes: 0,
    };
    const managed = await putArchiveRule(tx, scope, created, now);
    await archives(tx).insert(scope, created.name, created);
    return { archive: created, ruleId: managed.id, rule: managed.rule };
  });
  deps.onRuleChanged(scope, rule, ruleId);
  return writeOutput(archive);
}

/** What is given replaces what was; a new pattern changes the managed rule too. */
export async function updateArchive(
  deps: EventsDeps,
  input: UpdateArchiveRequest,
  ctx: RequestContext,
): Promise<UpdateArchiveResponse> {
  const scope = scopeOf(ctx);
  if (present(input.EventPattern)) compilePattern(input.EventPattern);
  const { archive, changedRule } = await deps.store.transaction(async (tx) => {
    const current = await archives(tx).get(scope, input.ArchiveName);
    if (!current) throw updateOfMissingArchive();
    const { eventPattern: _old, expiredAt: _due, ...rest } = current;
    const eventPattern =
      input.EventPattern === undefined
        ? current.eventPattern
        : present(input.EventPattern)
          ? input.EventPattern
          : undefined;
    const next: ArchiveRecord = {
      ...rest,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(eventPattern !== undefined ? { eventPattern } : {}),
      ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
      ...(input.RetentionDays !== undefined ? { retentionDays: input.RetentionDays } : {}),
    };
    await archives(tx).put(scope, next.name, next);
    const managed =
      next.state === 'ENABLED' && eventPattern !== current.eventPattern
        ? await putArchiveRule(tx, scope, next, deps.clock.nowMs())
        : undefined;
    return { archive: next, changedRule: managed };
  });
  if (changedRule) deps.onRuleChanged(scope, changedRule.rule, changedRule.id);
  return writeOutput(archive);
}

/** The archive, its events and its managed rule go together. */
export async function deleteArchive(
  deps: EventsDeps,
  input: DeleteArchiveRequest,
  ctx: RequestContext,
): Promise<DeleteArchiveResponse> {
  const scope = scopeOf(ctx);
  const removedRule = await deps.store.transaction(async (tx) => {
    const current = await archives(tx).get(scope, input.ArchiveName);
    if (!current) throw archiveNotFound(input.ArchiveName);
    const ruleId = await deleteArchiveRule(tx, scope, current);
    await dropArchivedEvents(tx, scope, current.id);
    await archives(tx).delete(scope, current.name);
    return ruleId;
  });
  if (removedRule !== undefined) deps.onRuleChanged(scope, undefined, removedRule);
  return {};
}
