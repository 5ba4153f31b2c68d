/** Why an invocation failed, with AWS's error code when one applies, and whether to retry. */
import { isServiceError } from '../services/error.js';

export class TargetError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable = false,
    /** The least wait before a retry, when the target said so (an HTTP Retry-After). */
    readonly retryAfterMs?: number,
    /** The status an API destination's endpoint answered with. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Codes EventBridge retries under the target's RetryPolicy: throttling and server faults. */
const RETRIABLE = new Set([
  'ThrottlingException',
  'ServerException',
  'InternalFailure',
  'ServiceUnavailable',
]);

export function asTargetError(error: unknown): TargetError {
  if (error instanceof TargetError) return error;
  if (isServiceError(error)) {
    return new TargetError(
      error.code,
      error.message,
      RETRIABLE.has(error.code) || error.status >= 500,
    );
  }
  return new TargetError(
    'InternalFailure',
    error instanceof Error ? error.message : String(error),
    true,
  );
}
