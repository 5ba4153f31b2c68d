/**
 * `awslogs-multiline-pattern` is a Go (RE2) regular expression and moby tests it with
 * `regexp.Match`: a match anywhere in the line. JavaScript's `RegExp#test` without the `g`
 * flag does the same. The two syntaxes agree on what log patterns use (classes, `\d`, `\s`,
 * `^`, `$`, groups, alternation, counted repeats); this translates the two RE2 spellings
 * JavaScript lacks: leading flags `(?i)` / `(?s)` / `(?m)` and named groups `(?P<name>…)`.
 */

const LEADING_FLAGS = /^\(\?([ims]+)\)/;
const GO_NAMED_GROUP = /\(\?P</g;

export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoRegexpError';
  }
}

export function compileGoRegexp(source: string): RegExp {
  let body = source;
  let flags = '';
  const leading = LEADING_FLAGS.exec(body);
  if (leading) {
    flags = [...new Set(leading[1] ?? '')].join('');
    body = body.slice(leading[0].length);
  }
  try {
    return new RegExp(body.replace(GO_NAMED_GROUP, '(?<'), flags);
  } catch (error) {
    throw new GoRegexpError(error instanceof Error ? error.message : String(error));
  }
}
