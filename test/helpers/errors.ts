/**
 * Failing AWS calls in tests: the error a call rejects with (of the SDK's exception class
 * for its service), and the assertion every service's suites make on it.
 */
import { expect } from 'vitest';

interface AwsException {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

type ExceptionClass<E> = abstract new (...args: never[]) => E;

/** The error `promise` rejects with; fails the test when it resolves or throws another kind. */
export async function rejection<E extends AwsException>(
  promise: Promise<unknown>,
  kind: ExceptionClass<E>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error('expected the call to fail');
}

/** Asserts AWS's error name, message (exact, or matching) and HTTP status. */
export async function expectRejection<E extends AwsException>(
  promise: Promise<unknown>,
  kind: ExceptionClass<E>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  const error = await rejection(promise, kind);
  expect(error.name).toBe(name);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.$metadata.httpStatusCode).toBe(status);
}

let counter = 0;
/** A fresh name per test, so tests sharing a server never see each other's resources. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
