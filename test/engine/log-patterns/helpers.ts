import { expect } from 'vitest';
import {
  type CompileOptions,
  FilterPatternError,
  compileFilterPattern,
} from '../../../src/engine/log-patterns/index.js';

/** Which of `messages` the pattern matches, in order. */
export function matching(pattern: string, messages: readonly string[]): string[] {
  const compiled = compileFilterPattern(pattern);
  return messages.filter((m) => compiled.matches(m));
}

export function matches(pattern: string, message: string): boolean {
  return compileFilterPattern(pattern).matches(message);
}

/** The FilterPatternError compiling `pattern` throws; fails the test when it compiles. */
export function rejection(pattern: string, options?: CompileOptions): FilterPatternError {
  try {
    compileFilterPattern(pattern, options);
  } catch (e) {
    expect(e).toBeInstanceOf(FilterPatternError);
    return e as FilterPatternError;
  }
  expect.fail(`pattern ${JSON.stringify(pattern)} compiled`);
}
