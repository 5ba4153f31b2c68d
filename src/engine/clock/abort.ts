/**
 * The rejection of an aborted sleep, shaped like Node's own (`timers/promises`): an Error
 * named `AbortError` with code `ABORT_ERR`, the signal's reason as its cause.
 */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  readonly code = 'ABORT_ERR';

  constructor(reason?: unknown) {
    super('The operation was aborted', reason === undefined ? undefined : { cause: reason });
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function abortError(signal: AbortSignal): AbortError {
  return new AbortError(signal.reason);
}
