import { expect } from 'vitest';
import { EventPatternError, compileEventPattern } from '../../../src/engine/event-pattern/index.js';

/** Compiles `pattern` (an object, serialised compactly, or JSON text) and matches `event`. */
export function matches(pattern: unknown, event: unknown): boolean {
  const text = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  return compileEventPattern(text).matches(event);
}

/** The reason compiling `pattern` is refused with; fails the test when it compiles. */
export function reason(pattern: string): string {
  try {
    compileEventPattern(pattern);
  } catch (e) {
    expect(e).toBeInstanceOf(EventPatternError);
    return (e as EventPatternError).message;
  }
  return expect.fail(`pattern ${pattern} compiled`);
}

/** Jackson's location suffix for a pattern, as AWS appends it to most reasons. */
export function at(source: string, column: number, line = 1): string {
  return `\n at [Source: (String)"${source}"; line: ${line}, column: ${column}]`;
}

export type MatchCase = readonly [
  description: string,
  pattern: unknown,
  event: unknown,
  expected: boolean,
];

/**
 * The location suffix when Jackson has read exactly `read`, the start of `source`: the
 * column is one past it. Keeps the expected positions readable in tables.
 */
export function after(source: string, read: string): string {
  if (!source.startsWith(read)) throw new Error(`${read} does not start ${source}`);
  return at(source, read.length + 1);
}
