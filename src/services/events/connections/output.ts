/** Connection records as the API answers them. */
import type {
  Connection,
  CreateConnectionResponse,
  DescribeConnectionResponse,
} from '../generated/types.js';
import type { ConnectionRecord } from './records.js';

function optional(record: ConnectionRecord) {
  return {
    ...(record.stateReason !== undefined ? { StateReason: record.stateReason } : {}),
    ...(record.lastAuthorizedTime !== undefined
      ? { LastAuthorizedTime: new Date(record.lastAuthorizedTime) }
      : {}),
  };
}

/** What Update/Delete/DeauthorizeConnection answer. */
export function stateOutput(record: ConnectionRecord) {
  return {
    ConnectionArn: record.arn,
    ConnectionState: record.state,
    CreationTime: new Date(record.creationTime),
    LastModifiedTime: new Date(record.lastModifiedTime),
    ...(record.lastAuthorizedTime !== undefined
      ? { LastAuthorizedTime: new Date(record.lastAuthorizedTime) }
      : {}),
  };
}

export function createOutput(record: ConnectionRecord): CreateConnectionResponse {
  return {
    ConnectionArn: record.arn,
    ConnectionState: record.state,
    CreationTime: new Date(record.creationTime),
    LastModifiedTime: new Date(record.lastModifiedTime),
  };
}

export function listedConnection(record: ConnectionRecord): Connection {
  return {
    ConnectionArn: record.arn,
    Name: record.name,
    ConnectionState: record.state,
    AuthorizationType: record.authorizationType,
    CreationTime: new Date(record.creationTime),
    LastModifiedTime: new Date(record.lastModifiedTime),
    ...optional(record),
  };
}

export function describedConnection(record: ConnectionRecord): DescribeConnectionResponse {
  return {
    ...listedConnection(record),
    AuthParameters: structuredClone(record.authParameters),
    ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyIdentifier !== undefined ? { KmsKeyIdentifier: record.kmsKeyIdentifier } : {}),
  };
}
