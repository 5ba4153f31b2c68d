/**
 * Scheduler engine keys for rules and schedules: `KIND|ACCOUNT|REGION|ID`, so one engine
 * holds both and a firing finds its record again from the key alone.
 */
import type { Scope } from '../store/types.js';

export type EntryKind = 'rule' | 'schedule';

export function entryKey(kind: EntryKind, scope: Scope, id: string): string {
  return `${kind}|${scope.accountId}|${scope.region}|${id}`;
}

export function kindOf(key: string): EntryKind | undefined {
  const kind = key.slice(0, key.indexOf('|'));
  return kind === 'rule' || kind === 'schedule' ? kind : undefined;
}

export function parseEntryKey(key: string): { scope: Scope; id: string } {
  const [, accountId = '', region = '', ...rest] = key.split('|');
  return { scope: { accountId, region }, id: rest.join('|') };
}
