/** Secret records as DescribeSecret and ListSecrets answer them. */
import type { DescribeSecretResponse, SecretListEntry } from '../generated/types.js';
import type { SecretRecord } from '../records.js';

/** Versions that hold a stage; versions without one are deprecated and not shown. */
export function versionsToStages(record: SecretRecord): Record<string, string[]> | undefined {
  const staged = record.versions.filter((v) => v.stages.length > 0);
  if (staged.length === 0) return undefined;
  return Object.fromEntries(staged.map((v) => [v.versionId, [...v.stages]]));
}

function common(record: SecretRecord) {
  return {
    ARN: record.arn,
    Name: record.name,
    ...(record.type !== undefined ? { Type: record.type } : {}),
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyId !== undefined ? { KmsKeyId: record.kmsKeyId } : {}),
    LastChangedDate: new Date(record.lastChangedDate),
    ...(record.lastAccessedDate !== undefined
      ? { LastAccessedDate: new Date(record.lastAccessedDate) }
      : {}),
    ...(record.deletedDate !== undefined ? { DeletedDate: new Date(record.deletedDate) } : {}),
    ...(record.tags !== undefined ? { Tags: record.tags } : {}),
    CreatedDate: new Date(record.createdDate),
    ...(record.replication ? { PrimaryRegion: record.arn.split(':')[3] } : {}),
    ...(record.owningService !== undefined ? { OwningService: record.owningService } : {}),
  };
}

export function describeOutput(record: SecretRecord): DescribeSecretResponse {
  const stages = versionsToStages(record);
  return {
    ...common(record),
    ...(stages ? { VersionIdsToStages: stages } : {}),
    ...(record.replication ? { ReplicationStatus: record.replication } : {}),
  };
}

export function listEntry(record: SecretRecord): SecretListEntry {
  const stages = versionsToStages(record);
  return { ...common(record), ...(stages ? { SecretVersionsToStages: stages } : {}) };
}
