/**
 * The log stream a container writes to, made ready before it starts, in moby's order
 * (`logStream.create`): CreateLogStream; when the group is missing and
 * `awslogs-create-group` is true, CreateLogGroup then CreateLogStream again. An existing
 * group or stream is used as it is. Any other refusal stops the task with Fargate's reason.
 */
import type { Scope } from '../../../store/types.js';
import { isServiceError } from '../../error.js';
import type { LogsDeps } from '../../logs/deps.js';
import { insertLogGroup } from '../../logs/groups.js';
import { insertLogStream } from '../../logs/streams.js';
import { createFailure, type AwslogsConfig } from './options.js';

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;
const MAX_NAME = 512;

export async function prepareStream(
  deps: LogsDeps,
  scope: Scope,
  config: AwslogsConfig,
): Promise<void> {
  checkNames(config);
  if (await tryCreateStream(deps, scope, config)) return;
  if (!config.createGroup) {
    throw createFailure(
      'stream',
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  }
  await insertLogGroup(deps, scope, { logGroupName: config.logGroupName });
  if (await tryCreateStream(deps, scope, config)) return;
  // Deleted again between the two calls: what CreateLogStream would have answered.
  throw createFailure(
    'stream',
    'ResourceNotFoundException',
    'The specified log group does not exist.',
  );
}

/** `false` when the group does not exist; the stream exists afterwards otherwise. */
export async function tryCreateStream(
  deps: LogsDeps,
  scope: Scope,
  config: Pick<AwslogsConfig, 'logGroupName' | 'logStreamName'>,
): Promise<boolean> {
  try {
    await insertLogStream(deps, scope, {
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
    });
    return true;
  } catch (error) {
    if (isServiceError(error) && error.code === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** CreateLogStream's validation of both names, with Coral's wording. */
function checkNames(config: AwslogsConfig): void {
  const violations = [
    ...nameViolations(config.logGroupName, 'logGroupName', GROUP_NAME, '[\\.\\-_/#A-Za-z0-9]+'),
    ...nameViolations(config.logStreamName, 'logStreamName', STREAM_NAME, '[^:*]*'),
  ];
  if (violations.length === 0) return;
  const count = violations.length;
  throw createFailure(
    'stream',
    'InvalidParameterException',
    `${count} validation error${count > 1 ? 's' : ''} detected: ${violations.join('; ')}`,
  );
}

function nameViolations(value: string, member: string, pattern: RegExp, source: string): string[] {
  const out: string[] = [];
  const at = `Value '${value}' at '${member}' failed to satisfy constraint: `;
  if (value.length > MAX_NAME) {
    out.push(`${at}Member must have length less than or equal to ${MAX_NAME}`);
  }
  if (!pattern.test(value)) {
    out.push(`${at}Member must satisfy regular expression pattern: ${source}`);
  }
  return out;
}
