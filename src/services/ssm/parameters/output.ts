/** Parameter records as the API answers them: Parameter, ParameterMetadata, ParameterHistory. */
import type { Scope } from '../../../store/types.js';
import type { Parameter, ParameterHistory, ParameterMetadata } from '../generated/types.js';
import { labelsOf, type ParameterRecord, type ParameterVersionRecord } from '../records.js';
import { parameterArn } from './names.js';
import { DEFAULT_KEY_ID, decryptSecureString } from './secure-string.js';

/** The value as read: a SecureString decrypted only when asked. */
export function valueOf(
  scope: Scope,
  version: ParameterVersionRecord,
  withDecryption: boolean,
): string {
  if (version.type !== 'SecureString') return version.value ?? '';
  const ciphertext = version.ciphertext ?? '';
  return withDecryption
    ? decryptSecureString(scope, version.keyId ?? DEFAULT_KEY_ID, ciphertext)
    : ciphertext;
}

export function parameterOutput(
  scope: Scope,
  name: string,
  version: ParameterVersionRecord,
  withDecryption: boolean,
  selectorText?: string,
): Parameter {
  return {
    Name: name,
    Type: version.type,
    Value: valueOf(scope, version, withDecryption),
    Version: version.version,
    ...(selectorText !== undefined ? { Selector: `:${selectorText}` } : {}),
    LastModifiedDate: new Date(version.lastModifiedDate),
    ARN: parameterArn(scope, name),
    DataType: version.dataType,
  };
}

function commonMetadata(version: ParameterVersionRecord) {
  return {
    Type: version.type,
    ...(version.keyId !== undefined ? { KeyId: version.keyId } : {}),
    LastModifiedDate: new Date(version.lastModifiedDate),
    LastModifiedUser: version.lastModifiedUser,
    ...(version.description !== undefined ? { Description: version.description } : {}),
    ...(version.allowedPattern !== undefined ? { AllowedPattern: version.allowedPattern } : {}),
    Version: version.version,
    Tier: version.tier,
    Policies: version.policies ?? [],
    DataType: version.dataType,
  };
}

export function metadataOutput(scope: Scope, record: ParameterRecord): ParameterMetadata {
  return {
    Name: record.name,
    ARN: parameterArn(scope, record.name),
    ...commonMetadata(record.latest),
  };
}

export function historyOutput(
  scope: Scope,
  record: ParameterRecord,
  version: ParameterVersionRecord,
  withDecryption: boolean,
): ParameterHistory {
  return {
    Name: record.name,
    ...commonMetadata(version),
    Value: valueOf(scope, version, withDecryption),
    Labels: labelsOf(record, version.version),
  };
}
