/** Archive records as the API answers them. */
import type { Archive, DescribeArchiveResponse } from '../generated/types.js';
import type { ArchiveRecord } from './records.js';

export function listedArchive(archive: ArchiveRecord): Archive {
  return {
    ArchiveName: archive.name,
    EventSourceArn: archive.eventSourceArn,
    State: archive.state,
    ...(archive.stateReason !== undefined ? { StateReason: archive.stateReason } : {}),
    RetentionDays: archive.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.eventCount,
    CreationTime: new Date(archive.creationTime),
  };
}

export function describedArchive(archive: ArchiveRecord): DescribeArchiveResponse {
  return {
    ArchiveArn: archive.arn,
    ...listedArchive(archive),
    ...(archive.description !== undefined ? { Description: archive.description } : {}),
    ...(archive.eventPattern !== undefined ? { EventPattern: archive.eventPattern } : {}),
    ...(archive.kmsKeyIdentifier !== undefined
      ? { KmsKeyIdentifier: archive.kmsKeyIdentifier }
      : {}),
  };
}

/** What Create/UpdateArchive answer. */
export function writeOutput(archive: ArchiveRecord) {
  return {
    ArchiveArn: archive.arn,
    State: archive.state,
    ...(archive.stateReason !== undefined ? { StateReason: archive.stateReason } : {}),
    CreationTime: new Date(archive.creationTime),
  };
}
