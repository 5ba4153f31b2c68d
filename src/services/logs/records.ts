/**
 * CloudWatch Logs groups and streams as stored: one record per group (id: the group name,
 * so listing is AWS's ASCII order) and one per stream (id: `GROUP:STREAM`; neither name may
 * contain `:`, so a group's streams are exactly the ids under `GROUP:`). The events
 * themselves live in the log event store, not here.
 */
import type { Scope } from '../../store/types.js';
import type { LogGroupClass } from './generated/types.js';

export const GROUPS = 'logs.groups';
export const STREAMS = 'logs.streams';

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  retentionInDays?: number;
  kmsKeyId?: string;
  deletionProtectionEnabled?: boolean;
  tags: Record<string, string>;
}

export interface LogStreamRecord {
  logGroupName: string;
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** PutLogEvents calls so far; the (ignored) sequence token is derived from it. */
  uploads: number;
  /** UTF-8 bytes of the retained events' messages plus 26 per event (AWS's batch accounting). */
  storedBytes: number;
}

export function streamId(logGroupName: string, logStreamName: string): string {
  return `${logGroupName}:${logStreamName}`;
}

/** The id prefix of every stream of a group. */
export function streamPrefix(logGroupName: string): string {
  return `${logGroupName}:`;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME`, the form the tagging APIs take. */
export function logGroupArn(scope: Scope, logGroupName: string): string {
  return `arn:${partitionOf(scope.region)}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupName}`;
}

export function logStreamArn(scope: Scope, logGroupName: string, logStreamName: string): string {
  return `${logGroupArn(scope, logGroupName)}:log-stream:${logStreamName}`;
}

/** The sequence token AWS still returns (and ignores): 56 digits, as AWS's are. */
export function sequenceToken(uploads: number): string {
  return `49${String(uploads).padStart(54, '0')}`;
}

/** Bytes an event counts for in PutLogEvents' limits: its message in UTF-8 plus 26. */
export function eventBytes(message: string): number {
  return Buffer.byteLength(message, 'utf8') + 26;
}
