/**
 * A container's `logConfiguration.options` read as the awslogs driver reads them, and the
 * reasons Fargate stops a task with when they cannot be used.
 *
 * Fargate (platform 1.4) checks the logger before the container starts and stops the task
 * with `ResourceInitializationError: failed to validate logger args: …`. The failures seen
 * on AWS read, for a missing group and for a refused CreateLogGroup:
 *   …: create stream has been retried 1 times: failed to create Cloudwatch log stream:
 *      ResourceNotFoundException: The specified log group does not exist. : exit status 1
 *   …: create stream has been retried 1 times: failed to create Cloudwatch log group:
 *      AccessDeniedException: … : exit status 1
 */
import { randomBytes } from 'node:crypto';
import type { LinearRegex } from '../../../engine/linear-regex/index.js';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';
import { strftimeToRegex } from './strftime.js';
import { AwslogsSetupError, type AwslogsTarget } from './types.js';

const LOGGER_ARGS = 'ResourceInitializationError: failed to validate logger args: ';

export interface AwslogsConfig {
  logGroupName: string;
  region: string;
  logStreamName: string;
  createGroup: boolean;
  /** The line that starts a new event; none: every line is an event. */
  startPattern?: LinearRegex;
}

/** A CloudWatch Logs call the driver made at setup failed with this AWS error. */
export function createFailure(
  resource: 'group' | 'stream',
  code: string,
  message: string,
): AwslogsSetupError {
  return new AwslogsSetupError(
    `${LOGGER_ARGS}create stream has been retried 1 times: ` +
      `failed to create Cloudwatch log ${resource}: ${code}: ${message} : exit status 1`,
  );
}

function argsFailure(detail: string): AwslogsSetupError {
  return new AwslogsSetupError(`${LOGGER_ARGS}${detail}`);
}

export function readConfig(target: AwslogsTarget): AwslogsConfig {
  const options = target.options;
  const logGroupName = options['awslogs-group'] ?? '';
  const region = options['awslogs-region'] ?? '';
  // RegisterTaskDefinition refuses both omissions; a task reaching here without them
  // fails as Fargate's agent reports missing driver arguments.
  if (logGroupName === '') {
    throw argsFailure('unable to get awslogs driver arguments: awslogs-group is required');
  }
  if (region === '') {
    throw argsFailure('unable to get awslogs driver arguments: awslogs-region is required');
  }
  return {
    logGroupName,
    region,
    logStreamName: streamName(target),
    createGroup: parseCreateGroup(options['awslogs-create-group']),
    ...startPattern(options),
  };
}

/**
 * `PREFIX/CONTAINER/TASK_ID` with `awslogs-stream-prefix`. Without one ECS leaves the name
 * to Docker, which names the stream after the container id (64 hex digits); Fargate never
 * gets there (RegisterTaskDefinition requires the prefix for FARGATE).
 */
function streamName(target: AwslogsTarget): string {
  const prefix = target.options['awslogs-stream-prefix'] ?? '';
  if (prefix !== '') return `${prefix}/${target.containerName}/${target.taskId}`;
  return target.containerId ?? randomBytes(32).toString('hex');
}

/** Go's `strconv.ParseBool`, which moby applies to `awslogs-create-group`. */
function parseCreateGroup(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw argsFailure(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/** `awslogs-datetime-format` wins over `awslogs-multiline-pattern`, as in moby. */
function startPattern(options: Record<string, string>): { startPattern?: LinearRegex } {
  const datetimeFormat = options['awslogs-datetime-format'] ?? '';
  const source =
    datetimeFormat !== ''
      ? strftimeToRegex(datetimeFormat)
      : (options['awslogs-multiline-pattern'] ?? '');
  if (source === '') return {};
  try {
    return { startPattern: compileGoRegexp(source) };
  } catch (error) {
    if (!(error instanceof GoRegexpError)) throw error;
    throw argsFailure(
      `awslogs could not parse multiline pattern key ${JSON.stringify(source)}: ` + error.message,
    );
  }
}
