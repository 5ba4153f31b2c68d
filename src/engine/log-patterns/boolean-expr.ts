import type { PatternCursor } from './cursor.js';

/**
 * Conditions joined with `&&` and `||` and grouped with parentheses, as JSON patterns and
 * the fields of space-delimited patterns write them; `&&` binds tighter than `||`.
 */
export type Predicate<T> = (subject: T) => boolean;

export function parseExpression<T>(
  c: PatternCursor,
  atom: (c: PatternCursor) => Predicate<T>,
): Predicate<T> {
  const terms = [parseConjunction(c, atom)];
  for (;;) {
    c.skipWhitespace();
    if (!c.eat('||')) break;
    terms.push(parseConjunction(c, atom));
  }
  return anyOf(terms);
}

function parseConjunction<T>(
  c: PatternCursor,
  atom: (c: PatternCursor) => Predicate<T>,
): Predicate<T> {
  const factors = [parseFactor(c, atom)];
  for (;;) {
    c.skipWhitespace();
    if (!c.eat('&&')) break;
    factors.push(parseFactor(c, atom));
  }
  return allOf(factors);
}

function parseFactor<T>(c: PatternCursor, atom: (c: PatternCursor) => Predicate<T>): Predicate<T> {
  c.skipWhitespace();
  if (c.eat('(')) {
    const inner = parseExpression(c, atom);
    c.skipWhitespace();
    c.expect(')', "')'");
    return inner;
  }
  return atom(c);
}

function anyOf<T>(ps: Predicate<T>[]): Predicate<T> {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate<T>, Predicate<T>];
    return (s) => a(s) || b(s);
  }
  return (s) => ps.some((p) => p(s));
}

function allOf<T>(ps: Predicate<T>[]): Predicate<T> {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate<T>, Predicate<T>];
    return (s) => a(s) && b(s);
  }
  return (s) => ps.every((p) => p(s));
}
