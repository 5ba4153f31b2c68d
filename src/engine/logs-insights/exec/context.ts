import type { Expr } from '../ast.js';
import { MalformedQueryError, lineAndPosition } from '../errors.js';
import { RegexSyntaxError, type UserRegex, compileUserRegex } from '../regex.js';
import type { Row } from '../row.js';
import type { Value } from '../values.js';

export type Evaluator = (row: Row) => Value;

/** What a running query knows about itself (all times in milliseconds since the epoch). */
export interface QueryWindow {
  startTime: number;
  endTime: number;
  /** When the query started, from the teiki Clock (the `now()` function). */
  now: number;
}

/** What compiling an expression needs: the query text (for errors) and its window. */
export class CompileContext {
  constructor(
    readonly text: string,
    readonly window: QueryWindow,
  ) {}

  /** A MalformedQueryException pointing at `node`. */
  error(message: string, node: { start: number; end: number }): MalformedQueryError {
    const { line, position } = lineAndPosition(this.text, node.start);
    return new MalformedQueryError(
      `${message} at line ${line} and position ${position}`,
      node.start,
      node.end,
    );
  }

  regex(body: string, node: Expr, options: { dotAll?: boolean } = {}): UserRegex {
    try {
      return compileUserRegex(body, options);
    } catch (e) {
      if (e instanceof RegexSyntaxError) {
        throw this.error(`Invalid regular expression /${body}/: ${e.message}`, node);
      }
      throw e;
    }
  }
}
