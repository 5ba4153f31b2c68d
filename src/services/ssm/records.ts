/**
 * Parameter Store as stored, per (account, region):
 * - `ssm.parameters`: one record per parameter, id its key (see `parameterKey`): the name
 *   with the leading slash of a top-level name dropped, so `foo` and `/foo` are one
 *   parameter, as they are one ARN on AWS, and a hierarchy's parameters list under
 *   `/a/b/`. The record holds the latest version in full (most reads need nothing else),
 *   the labels and the tags.
 * - `ssm.parameter-versions`: every kept version (at most 100), id `KEY:VERSION` with the
 *   version zero-padded; `:` never occurs in a name, so a parameter's versions are exactly
 *   the ids under `KEY:`. A version is written once and never changed.
 *
 * Timestamps are epoch milliseconds. A SecureString's value is kept only as its
 * ciphertext (see secure-string.ts).
 */
import type { ParameterTier, ParameterType, Tag } from './generated/types.js';

export const PARAMETERS = 'ssm.parameters';
export const PARAMETER_VERSIONS = 'ssm.parameter-versions';

export interface ParameterPolicyRecord {
  PolicyText: string;
  PolicyType: string;
  PolicyStatus: string;
}

/** One version of a parameter, as PutParameter made it. */
export interface ParameterVersionRecord {
  version: number;
  type: ParameterType;
  /** The value of a String or StringList; absent for a SecureString. */
  value?: string;
  /** A SecureString's value, encrypted (the base64 text AWS answers without decryption). */
  ciphertext?: string;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  tier: ParameterTier;
  policies?: ParameterPolicyRecord[];
  dataType: string;
  lastModifiedDate: number;
  /** The ARN of the caller that wrote this version. */
  lastModifiedUser: string;
}

export interface ParameterRecord {
  /** The name as it was first put (`foo` or `/foo` for a top-level parameter). */
  name: string;
  latest: ParameterVersionRecord;
  /** The oldest version still kept (versions before it were dropped at the 100 limit). */
  oldestVersion: number;
  /** Each label and the version it is attached to; a label names one version at most. */
  labels: Record<string, number>;
  tags: Tag[];
}

export function versionId(key: string, version: number): string {
  return `${key}:${String(version).padStart(10, '0')}`;
}

export function versionPrefix(key: string): string {
  return `${key}:`;
}

/** The labels attached to `version`, in the order they were attached. */
export function labelsOf(record: ParameterRecord, version: number): string[] {
  return Object.entries(record.labels)
    .filter(([, v]) => v === version)
    .map(([label]) => label);
}
