/** The rule EventBridge keeps on an archive's bus, created, changed and removed with the archive. */
import type { Scope, StoreSession } from '../../../store/types.js';
import { RULES, ruleArn, ruleId, type RuleRecord } from '../records.js';
import { FORCED_RULE_REASON, ruleNameTaken } from './errors.js';
import {
  ARCHIVES,
  ARCHIVE_MANAGER,
  archiveRuleName,
  archiveTarget,
  managedPattern,
  type ArchiveRecord,
} from './records.js';

function rules(session: StoreSession) {
  return session.collection<RuleRecord>(RULES);
}

/** Puts (or replaces) the archive's rule; refuses when a rule of the user's has its name. */
export async function putArchiveRule(
  tx: StoreSession,
  scope: Scope,
  archive: ArchiveRecord,
  nowMs: number,
): Promise<{ id: string; rule: RuleRecord }> {
  const name = archiveRuleName(archive.name);
  const id = ruleId(archive.busName, name);
  const existing = await rules(tx).get(scope, id);
  if (existing && existing.archive?.name !== archive.name) throw ruleNameTaken(name);
  const rule: RuleRecord = {
    name,
    arn: ruleArn(scope, archive.busName, name),
    eventBusName: archive.busName,
    eventPattern: managedPattern(archive.eventPattern),
    state: 'ENABLED',
    managedBy: ARCHIVE_MANAGER,
    createdBy: scope.accountId,
    tags: [],
    targets: [archiveTarget(scope, archive)],
    createdAt: existing?.createdAt ?? nowMs,
    archive: { name: archive.name, id: archive.id },
  };
  await rules(tx).put(scope, id, rule);
  return { id, rule };
}

/** Removes the archive's rule if it is still this archive's; answers its id when removed. */
export async function deleteArchiveRule(
  tx: StoreSession,
  scope: Scope,
  archive: ArchiveRecord,
): Promise<string | undefined> {
  const id = ruleId(archive.busName, archiveRuleName(archive.name));
  const existing = await rules(tx).get(scope, id);
  if (existing?.archive?.id !== archive.id) return undefined;
  await rules(tx).delete(scope, id);
  return id;
}

/**
 * DeleteRule with Force on an archive's rule: the archive stays, DISABLED, with the reason
 * a peer implementation records for it (not confirmed here).
 */
export async function disableArchiveOfRule(
  tx: StoreSession,
  scope: Scope,
  rule: RuleRecord,
): Promise<void> {
  if (!rule.archive) return;
  const archives = tx.collection<ArchiveRecord>(ARCHIVES);
  const archive = await archives.get(scope, rule.archive.name);
  if (archive?.id !== rule.archive.id) return;
  await archives.put(scope, archive.name, {
    ...archive,
    state: 'DISABLED',
    stateReason: FORCED_RULE_REASON,
  });
}
