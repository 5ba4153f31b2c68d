/**
 * The one error the language raises: AWS's MalformedQueryException, whose
 * `queryCompileError` carries a message and the offending span of the query string.
 * The service maps it to the wire; the engine only says what and where.
 */
export class MalformedQueryError extends Error {
  override readonly name = 'MalformedQueryError';
  constructor(
    message: string,
    /** Offset of the first offending character in the query string (0-based). */
    readonly startCharOffset: number,
    /** Offset just past the offending span. */
    readonly endCharOffset: number,
  ) {
    super(message);
  }
}

/** 1-based line and 0-based position of `offset`, as the compiler's messages count them. */
export function lineAndPosition(text: string, offset: number): { line: number; position: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, position: offset - lineStart };
}

/**
 * AWS's wording for a token the grammar does not expect: "unexpected symbol found sort"
 * was seen on the real service; the "at line … and position …" tail follows the compiler's
 * other messages (the exact tail is not confirmed).
 */
export function unexpectedSymbol(
  text: string,
  symbol: string,
  start: number,
  end: number,
): MalformedQueryError {
  const { line, position } = lineAndPosition(text, start);
  return new MalformedQueryError(
    `unexpected symbol found ${symbol} at line ${line} and position ${position}`,
    start,
    end,
  );
}

/** A query that ends where the grammar needs more. */
export function unexpectedEnd(text: string): MalformedQueryError {
  const { line, position } = lineAndPosition(text, text.length);
  return new MalformedQueryError(
    `unexpected end of query at line ${line} and position ${position}`,
    text.length,
    text.length,
  );
}

/**
 * Fields used after a `stats` that it does not produce; the real service's wording
 * ("Unknown symbols found in or after stats: request_source").
 */
export function unknownAfterStats(names: readonly string[], start: number, end: number) {
  return new MalformedQueryError(
    `Unknown symbols found in or after stats: ${names.join(', ')}`,
    start,
    end,
  );
}
