/** API destination records as the API answers them. */
import type {
  ApiDestination,
  ApiDestinationState,
  DescribeApiDestinationResponse,
} from '../generated/types.js';
import type { ApiDestinationRecord } from './records.js';

export function writeOutput(record: ApiDestinationRecord, state: ApiDestinationState) {
  return {
    ApiDestinationArn: record.arn,
    ApiDestinationState: state,
    CreationTime: new Date(record.creationTime),
    LastModifiedTime: new Date(record.lastModifiedTime),
  };
}

export function listedApiDestination(
  record: ApiDestinationRecord,
  state: ApiDestinationState,
): ApiDestination {
  return {
    ...writeOutput(record, state),
    Name: record.name,
    ConnectionArn: record.connectionArn,
    InvocationEndpoint: record.invocationEndpoint,
    HttpMethod: record.httpMethod,
    InvocationRateLimitPerSecond: record.invocationRateLimitPerSecond,
  };
}

export function describedApiDestination(
  record: ApiDestinationRecord,
  state: ApiDestinationState,
): DescribeApiDestinationResponse {
  return {
    ...listedApiDestination(record, state),
    ...(record.description !== undefined ? { Description: record.description } : {}),
  };
}
