/**
 * Secrets Manager as stored, per (account, region):
 * - `secretsmanager.secrets`: one record per secret, id its name (names are unique in a
 *   region while the secret exists, scheduled deletion included). The record holds the
 *   metadata of every version (stages, dates), never a value.
 * - `secretsmanager.secret-values`: one record per version, id `NAME:VERSION_ID` (`:` is
 *   not allowed in a name), holding the SecretString or the SecretBinary as base64.
 *
 * Timestamps are epoch milliseconds.
 */
import type { ReplicationStatusType, Tag } from './generated/types.js';

export const SECRETS = 'secretsmanager.secrets';
export const SECRET_VALUES = 'secretsmanager.secret-values';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

export interface SecretVersionRecord {
  versionId: string;
  stages: string[];
  createdDate: number;
  /** The day (midnight UTC) it was last read, as AWS reports it. */
  lastAccessedDate?: number;
  kmsKeyId?: string;
}

export interface SecretRecord {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  type?: string;
  tags?: Tag[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** When a scheduled deletion takes effect; set while the secret is scheduled for deletion. */
  deletedDate?: number;
  /** Oldest first. */
  versions: SecretVersionRecord[];
  replication?: ReplicationStatusType[];
  resourcePolicy?: string;
  /** The AWS service that made and manages the secret (`events` for a connection's). */
  owningService?: string;
}

export interface SecretValueRecord {
  secretString?: string;
  /** base64 */
  secretBinary?: string;
}

export function valueId(name: string, versionId: string): string {
  return `${name}:${versionId}`;
}

export function valuePrefix(name: string): string {
  return `${name}:`;
}

/** Midnight UTC of the day `ms` falls in: AWS reports LastAccessedDate as a date. */
export function dayOf(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}
