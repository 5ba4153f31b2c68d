/**
 * A CloudWatch Logs target: the event (or the target's input) written to the log group
 * named by the target's Arn, in a stream named after the event's id, through the same
 * ingestion path as the ECS log driver.
 */
import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import { isServiceError } from '../../services/error.js';
import { createLogIngestion } from '../../services/logs/ingestion.js';
import { TargetError } from '../target-error.js';

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;

export function isLogGroupArn(arn: string): boolean {
  return LOG_GROUP_ARN.test(arn);
}

export async function invokeLogsTarget(
  deps: { store: Store; clock: Clock },
  invocation: { scope: Scope; arn: string; input: string; eventId: string; eventTimeMs: number },
): Promise<void> {
  const match = LOG_GROUP_ARN.exec(invocation.arn);
  if (!match)
    throw new TargetError('InvalidParameterException', `${invocation.arn} is not a log group ARN.`);
  const scope = { accountId: match[2] as string, region: match[1] as string };
  const logGroupName = match[3] as string;
  const logStreamName = invocation.eventId;
  try {
    const ingestion = createLogIngestion(deps);
    const events = [{ timestamp: invocation.eventTimeMs, message: invocation.input }];
    // The stream is the event's own, so nearly always new: made with its upload counted.
    const outcome =
      (await ingestion.putBatchToNewStream(scope, logGroupName, logStreamName, events)) ??
      (await ingestion.putBatch(scope, logGroupName, logStreamName, events));
    if (outcome.accepted === 0) {
      throw new TargetError(
        'InvalidParameterException',
        'The event is too old or too new for the log group.',
      );
    }
  } catch (error) {
    if (isServiceError(error)) throw new TargetError(error.code, error.message);
    throw error;
  }
}
