/**
 * `@ptr`, the opaque pointer GetQueryResults puts on every row of events and GetLogRecord
 * takes back: where the event is (account, region, group, stream) and its position in the
 * store's order (timestamp, seq). AWS's pointers are opaque base64 too; teiki's say nothing
 * a caller could not learn from the row, and are only made for rows that are shown.
 */
import type { Scope } from '../../../store/types.js';

const VERSION = 'p1';

export interface EventPointer {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  timestamp: number;
  seq: number;
}

export function encodePointer(p: EventPointer): string {
  const fields = [
    VERSION,
    p.scope.accountId,
    p.scope.region,
    p.logGroupName,
    p.logStreamName,
    String(p.timestamp),
    String(p.seq),
  ];
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

export function decodePointer(pointer: string): EventPointer | undefined {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(pointer, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 7 || fields[0] !== VERSION) return undefined;
  if (!fields.every((f) => typeof f === 'string')) return undefined;
  const [, accountId, region, logGroupName, logStreamName, timestamp, seq] = fields;
  if (!/^\d+$/.test(timestamp!) || !/^\d+$/.test(seq!)) return undefined;
  return {
    scope: { accountId: accountId!, region: region! },
    logGroupName: logGroupName!,
    logStreamName: logStreamName!,
    timestamp: Number(timestamp),
    seq: Number(seq),
  };
}
