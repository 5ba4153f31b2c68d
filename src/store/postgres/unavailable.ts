/**
 * The error of a PostgreSQL store that cannot be used at start, apart from the driver:
 * `teiki start` recognises it without loading pg, which only a postgres:// store needs.
 */
import { redactPostgresUrl } from './url.js';

/** Failing to reach or prepare the database at start: one line, naming it without the password. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export function unavailable(url: string, error: unknown): StoreUnavailableError {
  let message = reason(error);
  // pg's own messages never carry the password, but a URL echoed in one must not either.
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) message = message.split(password).join('***');
  } catch {
    // An unparseable URL has no password to hide.
  }
  return new StoreUnavailableError(
    `Cannot use the PostgreSQL store ${redactPostgresUrl(url)}: ${message}`,
    { cause: error },
  );
}

function reason(error: unknown): string {
  // Node reports a failed connection to a name with several addresses as an
  // AggregateError whose own message is empty.
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
