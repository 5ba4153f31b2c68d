/**
 * Archives as stored, per (account, region):
 * - `events.archives`: the archive name. `id` is a UUID per creation, so events and
 *   replays of an archive deleted and created again never mix.
 * - `events.archive-events`: `ARCHIVE_ID|INGESTION_MS (13 digits)|EVENT_ID`, so an
 *   archive's events list in the order they arrived and a replay's time window is a range
 *   of ids. They are kept apart from the archive record because they come in volume.
 *
 * An archive's events reach it through the rule EventBridge manages for it on its bus,
 * `Events-Archive-NAME` (ManagedBy `prod.vhs.events.aws.internal`), whose pattern is the
 * archive's plus `"replay-name": [{"exists": false}]`, so replayed events are never
 * archived again. DescribeRule and ListRules show that rule, as they do on AWS.
 */
import type { Scope } from '../../../store/types.js';
import type { ArchiveState, Target } from '../generated/types.js';
import type { BusEvent } from '../records.js';

export const ARCHIVES = 'events.archives';
export const ARCHIVE_EVENTS = 'events.archive-events';

/** The ManagedBy of an archive's rule, as AWS writes it. */
export const ARCHIVE_MANAGER = 'prod.vhs.events.aws.internal';

export interface ArchiveRecord {
  name: string;
  arn: string;
  id: string;
  eventSourceArn: string;
  busName: string;
  description?: string;
  /** The pattern as given (JSON text); none archives every event. */
  eventPattern?: string;
  kmsKeyIdentifier?: string;
  /** 0 keeps events for ever. */
  retentionDays: number;
  state: ArchiveState;
  stateReason?: string;
  creationTime: number;
  eventCount: number;
  sizeBytes: number;
  /** When retention last removed expired events (at most once a clock-minute). */
  expiredAt?: number;
}

export interface ArchivedEvent {
  event: BusEvent;
  /** Ingestion time on the teiki clock, ms. */
  archivedAt: number;
  size: number;
}

export function archiveArn(scope: Scope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:archive/${name}`;
}

export function archiveRuleName(archiveName: string): string {
  return `Events-Archive-${archiveName}`;
}

export function archiveEventId(archiveId: string, archivedAt: number, eventId: string): string {
  return `${archiveId}|${String(archivedAt).padStart(13, '0')}|${eventId}`;
}

/** Ids sort before any event archived at `ms` or later. */
export function archiveEventsFrom(archiveId: string, ms: number): string {
  return `${archiveId}|${String(Math.max(0, ms)).padStart(13, '0')}|`;
}

export function archivedAtOf(id: string): number {
  return Number(id.split('|')[1]);
}

/** The archive's pattern with replayed events left out: the managed rule's pattern. */
export function managedPattern(eventPattern: string | undefined): string {
  const base = eventPattern ? (JSON.parse(eventPattern) as Record<string, unknown>) : {};
  return JSON.stringify({ ...base, 'replay-name': [{ exists: false }] });
}

/** The managed rule's one target, as AWS shows it (it is not invoked: events go to the archive). */
export function archiveTarget(scope: Scope, archive: ArchiveRecord): Target {
  const ruleName = archiveRuleName(archive.name);
  return {
    Id: ruleName,
    Arn: `arn:aws:events:${scope.region}:::`,
    InputTransformer: {
      InputPathsMap: {},
      InputTemplate: `{"archive-arn": "${archive.arn}:${archive.id}", "event": <aws.events.event.json>, "ingestion-time": <aws.events.event.ingestion-time>}`,
    },
  };
}

/**
 * The size an archive counts for an event: its source, detail type, detail JSON and
 * resources in UTF-8 and 14 bytes for its time, as PutEvents counts an entry (how AWS
 * counts SizeBytes is not documented).
 */
export function archivedSize(event: BusEvent): number {
  let size = 14;
  for (const text of [
    event.source,
    event['detail-type'],
    JSON.stringify(event.detail),
    ...event.resources,
  ]) {
    size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}
