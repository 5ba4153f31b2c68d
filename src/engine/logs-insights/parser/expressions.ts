import type { BinaryOp, Expr } from '../ast.js';
import type { Cursor } from './cursor.js';

/**
 * Expressions, loosest binding first: `or`, `and`, `not`, comparisons (`=`, `!=`, `<`,
 * `<=`, `>`, `>=`, `like`/`not like`/`=~`, `in`/`not in`), `+ -`, `* / %`, `^`
 * (right-associative), unary minus, then calls, `.key` and `[index]` on a value.
 */
export function parseExpression(c: Cursor): Expr {
  return c.nested(() => parseOr(c));
}

/** Words that end an expression or belong to the command, never a bare field name. */
const RESERVED = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.isWord('or')) {
    c.advance();
    const right = parseAnd(c);
    left = binary('or', left, right);
  }
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseNot(c);
  while (c.isWord('and')) {
    c.advance();
    const right = parseNot(c);
    left = binary('and', left, right);
  }
  return left;
}

function parseNot(c: Cursor): Expr {
  if (c.isWord('not')) {
    const start = c.advance().start;
    const arg = c.nested(() => parseNot(c));
    return { type: 'unary', op: 'not', arg, start, end: arg.end };
  }
  return parseComparison(c);
}

const COMPARISONS: Record<string, BinaryOp> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function parseComparison(c: Cursor): Expr {
  const left = parseAdditive(c);
  const t = c.peek();
  if (t.kind === 'op' && t.op in COMPARISONS) {
    c.advance();
    const right = parseAdditive(c);
    return binary(COMPARISONS[t.op]!, left, right);
  }
  if (c.isOp('=~')) {
    c.advance();
    return match(c, left, false);
  }
  if (c.isWord('like')) {
    c.advance();
    return match(c, left, false);
  }
  if (c.isWord('in')) {
    c.advance();
    return inList(c, left, false);
  }
  if (c.isWord('not')) {
    // `x not like …` / `x not in […]`; any other `not` here is out of place.
    c.advance();
    if (c.acceptWord('like')) return match(c, left, true);
    if (c.acceptWord('in')) return inList(c, left, true);
    throw c.unexpected();
  }
  return left;
}

function match(c: Cursor, arg: Expr, negated: boolean): Expr {
  const pattern = parseAdditive(c);
  return { type: 'match', negated, arg, pattern, start: arg.start, end: pattern.end };
}

function inList(c: Cursor, arg: Expr, negated: boolean): Expr {
  c.expectOp('[');
  const list: Expr[] = [];
  if (!c.isOp(']')) {
    do list.push(parseAdditive(c));
    while (c.acceptOp(','));
  }
  const end = c.expectOp(']').end;
  return { type: 'in', negated, arg, list, start: arg.start, end };
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  for (;;) {
    if (c.isOp('+') || c.isOp('-')) {
      const op = (c.advance() as { op: string }).op as BinaryOp;
      left = binary(op, left, parseMultiplicative(c));
    } else return left;
  }
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parsePower(c);
  for (;;) {
    if (c.isOp('*') || c.isOp('/') || c.isOp('%')) {
      const op = (c.advance() as { op: string }).op as BinaryOp;
      left = binary(op, left, parsePower(c));
    } else return left;
  }
}

function parsePower(c: Cursor): Expr {
  const base = parseUnary(c);
  if (c.isOp('^')) {
    c.advance();
    return binary(
      '^',
      base,
      c.nested(() => parsePower(c)),
    );
  }
  return base;
}

function parseUnary(c: Cursor): Expr {
  if (c.isOp('-')) {
    const start = c.advance().start;
    const arg = c.nested(() => parseUnary(c));
    if (arg.type === 'literal' && typeof arg.value === 'number') {
      return { ...arg, value: -arg.value, start };
    }
    return { type: 'unary', op: '-', arg, start, end: arg.end };
  }
  if (c.isOp('+')) c.advance();
  return parsePostfix(c);
}

function parsePostfix(c: Cursor): Expr {
  let expr = parsePrimary(c);
  for (;;) {
    const t = c.peek();
    // `.key` right after a value (no space): jsonParse(x).key, list[0].key
    if (t.kind === 'op' && t.op === '.' && t.start === expr.end) {
      c.advance();
      const key = c.peek();
      if (key.kind !== 'ident' || key.start !== t.end) throw c.unexpected(key);
      c.advance();
      // The lexer reads `a.b` as one name: one member step per segment.
      for (const segment of key.segments) {
        expr = { type: 'member', object: expr, key: segment, start: expr.start, end: key.end };
      }
    } else if (t.kind === 'op' && t.op === '[' && t.start === expr.end) {
      c.advance();
      const index = parseExpression(c);
      const end = c.expectOp(']').end;
      expr = { type: 'index', object: expr, index, start: expr.start, end };
    } else return expr;
  }
}

function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'string':
      c.advance();
      return { type: 'literal', value: t.value, start: t.start, end: t.end };
    case 'number':
      c.advance();
      return { type: 'literal', value: t.value, start: t.start, end: t.end };
    case 'duration':
      c.advance();
      return {
        type: 'period',
        amount: t.amount,
        unit: t.unit,
        text: t.text,
        start: t.start,
        end: t.end,
      };
    case 'ident':
      return identifier(c);
    case 'op':
      if (t.op === '(') {
        c.advance();
        const inner = parseExpression(c);
        const end = c.expectOp(')').end;
        return { ...inner, start: t.start, end };
      }
      if (t.op === '/') {
        const r = c.regex();
        return { type: 'regex', body: r.body, start: r.start, end: r.end };
      }
      throw c.unexpected();
    default:
      throw c.unexpected();
  }
}

function identifier(c: Cursor): Expr {
  const t = c.advance();
  if (t.kind !== 'ident') throw c.unexpected(t);
  const next = c.peek();
  if (!t.quoted && next.kind === 'op' && next.op === '(') {
    c.advance();
    return call(c, t.name, t.start);
  }
  const lower = t.name.toLowerCase();
  if (!t.quoted && (lower === 'true' || lower === 'false')) {
    return { type: 'literal', value: lower === 'true', start: t.start, end: t.end };
  }
  if (!t.quoted && RESERVED.has(lower)) throw c.unexpected(t);
  return { type: 'field', name: t.name, segments: t.segments, start: t.start, end: t.end };
}

function call(c: Cursor, name: string, start: number): Expr {
  const args: Expr[] = [];
  let star = false;
  if (c.isOp('*')) {
    c.advance();
    star = true;
  } else if (!c.isOp(')')) {
    do args.push(parseExpression(c));
    while (c.acceptOp(','));
  }
  const end = c.expectOp(')').end;
  return { type: 'call', name: name.toLowerCase(), args, star, start, end };
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { type: 'binary', op, left, right, start: left.start, end: right.end };
}
