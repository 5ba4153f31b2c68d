/**
 * An archive's events: appended as they arrive (one transaction per archive and batch,
 * counts kept on the archive record), removed once older than the retention (lazily, as
 * CloudWatch Logs retention is: when the archive is written or described, at most once
 * per clock-minute), and read in arrival order for a replay's window.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { BusEvent } from '../records.js';
import {
  ARCHIVE_EVENTS,
  ARCHIVES,
  archivedAtOf,
  archivedSize,
  archiveEventId,
  archiveEventsFrom,
  type ArchiveRecord,
  type ArchivedEvent,
} from './records.js';

const DAY_MS = 86_400_000;
const EXPIRY_INTERVAL_MS = 60_000;
const PAGE = 500;

export function archives(session: StoreSession) {
  return session.collection<ArchiveRecord>(ARCHIVES);
}

export function archivedEvents(session: StoreSession) {
  return session.collection<ArchivedEvent>(ARCHIVE_EVENTS);
}

/** Keeps `events` in the archive, if it is still the incarnation `archiveId` and ENABLED. */
export async function appendToArchive(
  tx: StoreSession,
  scope: Scope,
  target: { name: string; id: string },
  events: readonly BusEvent[],
  nowMs: number,
): Promise<void> {
  const archive = await archives(tx).get(scope, target.name);
  if (!archive || archive.id !== target.id || archive.state !== 'ENABLED') return;
  let size = 0;
  let count = 0;
  for (const event of events) {
    const eventSize = archivedSize(event);
    const stored: ArchivedEvent = { event, archivedAt: nowMs, size: eventSize };
    if (
      await archivedEvents(tx).insert(scope, archiveEventId(archive.id, nowMs, event.id), stored)
    ) {
      size += eventSize;
      count += 1;
    }
  }
  const counted = {
    ...archive,
    eventCount: archive.eventCount + count,
    sizeBytes: archive.sizeBytes + size,
  };
  await archives(tx).put(scope, archive.name, await expired(tx, scope, counted, nowMs));
}

/** The archive with events past its retention removed (and counted out), when due. */
export async function expired(
  tx: StoreSession,
  scope: Scope,
  archive: ArchiveRecord,
  nowMs: number,
): Promise<ArchiveRecord> {
  if (archive.retentionDays === 0) return archive;
  if (archive.expiredAt !== undefined && nowMs - archive.expiredAt < EXPIRY_INTERVAL_MS)
    return archive;
  const cutoff = nowMs - archive.retentionDays * DAY_MS;
  let removed = 0;
  let freed = 0;
  for (;;) {
    const rows = await archivedEvents(tx).list(scope, { prefix: `${archive.id}|`, limit: PAGE });
    const old = rows.filter((row) => archivedAtOf(row.id) < cutoff);
    for (const row of old) {
      await archivedEvents(tx).delete(scope, row.id);
      removed += 1;
      freed += row.value.size;
    }
    if (old.length < rows.length || rows.length < PAGE) break;
  }
  return {
    ...archive,
    eventCount: Math.max(0, archive.eventCount - removed),
    sizeBytes: Math.max(0, archive.sizeBytes - freed),
    expiredAt: nowMs,
  };
}

/** The archive's events from `fromMs` (inclusive) to `toMs` (exclusive), `limit` at a time after `afterId`. */
export async function archivedBetween(
  session: StoreSession,
  scope: Scope,
  archiveId: string,
  window: { fromMs: number; toMs: number; afterId?: string; limit: number },
): Promise<Array<{ id: string; value: ArchivedEvent }>> {
  const start = archiveEventsFrom(archiveId, window.fromMs);
  const after = window.afterId !== undefined && window.afterId > start ? window.afterId : start;
  const rows = await archivedEvents(session).list(scope, {
    prefix: `${archiveId}|`,
    after,
    limit: window.limit,
  });
  return rows.filter((row) => archivedAtOf(row.id) < window.toMs);
}

/** Removes every event of an archive (DeleteArchive). */
export async function dropArchivedEvents(
  tx: StoreSession,
  scope: Scope,
  archiveId: string,
): Promise<void> {
  for (;;) {
    const rows = await archivedEvents(tx).list(scope, { prefix: `${archiveId}|`, limit: PAGE });
    for (const row of rows) await archivedEvents(tx).delete(scope, row.id);
    if (rows.length < PAGE) return;
  }
}
