/**
 * Scheduler engine keys for rules and schedules: `KIND|ACCOUNT|REGION|ID`, unique across
 * the one engine that holds both (its ledger rows and the nodes' ownership go by them).
 */
import type { Scope } from '../store/types.js';

export type EntryKind = 'rule' | 'schedule';

export function entryKey(kind: EntryKind, scope: Scope, id: string): string {
  return `${kind}|${scope.accountId}|${scope.region}|${id}`;
}
