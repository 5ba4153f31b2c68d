/**
 * Finding the group or stream a request names, with AWS's answers when it is absent. A log
 * group is named either by `logGroupName` or by `logGroupIdentifier` (a name or an ARN,
 * with or without the `:*` that DescribeLogGroups' `arn` carries).
 */
import type { Scope } from '../../store/types.js';
import {
  InvalidParameterException,
  ResourceNotFoundException,
  ValidationException,
} from './generated/errors.js';
import { GROUPS, STREAMS, streamId, type LogGroupRecord, type LogStreamRecord } from './records.js';
import type { LogsDeps } from './deps.js';

export const GROUP_NOT_FOUND = 'The specified log group does not exist.';
export const STREAM_NOT_FOUND = 'The specified log stream does not exist.';

const GROUP_ARN = /^arn:aws(?:-cn|-us-gov)?:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/;

export interface ParsedGroupArn {
  region: string;
  accountId: string;
  logGroupName: string;
  wildcard: boolean;
}

export function parseLogGroupArn(arn: string): ParsedGroupArn | undefined {
  const match = GROUP_ARN.exec(arn);
  if (!match) return undefined;
  const [, region = '', accountId = '', logGroupName = '', star] = match;
  return { region, accountId, logGroupName, wildcard: star !== undefined };
}

/**
 * The group name a request means. An ARN of another account or region names nothing
 * this caller can see (teiki has no cross-account observability), so it is not found.
 */
export function groupNameOf(
  scope: Scope,
  input: { logGroupName?: string; logGroupIdentifier?: string },
): string {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw new ValidationException(
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
  }
  if (input.logGroupName !== undefined) return input.logGroupName;
  const identifier = input.logGroupIdentifier;
  if (identifier === undefined) {
    throw new InvalidParameterException(
      'Either logGroupName or logGroupIdentifier must be specified.',
    );
  }
  if (!identifier.startsWith('arn:')) return identifier;
  const arn = parseLogGroupArn(identifier);
  if (!arn || arn.accountId !== scope.accountId || arn.region !== scope.region) {
    throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  }
  return arn.logGroupName;
}

export async function requireGroup(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
): Promise<LogGroupRecord> {
  const group = await deps.store.collection<LogGroupRecord>(GROUPS).get(scope, logGroupName);
  if (!group) throw new ResourceNotFoundException(GROUP_NOT_FOUND);
  return group;
}

export async function requireStream(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
  logStreamName: string,
): Promise<LogStreamRecord> {
  const stream = await deps.store
    .collection<LogStreamRecord>(STREAMS)
    .get(scope, streamId(logGroupName, logStreamName));
  if (!stream) throw new ResourceNotFoundException(STREAM_NOT_FOUND);
  return stream;
}

export const INVALID_NEXT_TOKEN = 'The specified nextToken is invalid.';
