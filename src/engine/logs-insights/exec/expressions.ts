import type { Expr } from '../ast.js';
import { compareValues } from '../compare.js';
import { AGGREGATE_NAMES, isKnownButNotImplemented, scalarFunction } from '../functions/index.js';
import { walk } from '../row.js';
import { type Value, isStructure, isTruthy, toNumber, toText } from '../values.js';
import type { CompileContext, Evaluator } from './context.js';

/** How an aggregate call inside a `stats` item becomes a value (only `stats` provides one). */
export type AggregateHook = (call: Extract<Expr, { type: 'call' }>) => Evaluator;

/** Compiles an expression once into a function of a row. */
export function compileExpression(
  expr: Expr,
  ctx: CompileContext,
  aggregate?: AggregateHook,
): Evaluator {
  const compile = (e: Expr): Evaluator => compileExpression(e, ctx, aggregate);
  switch (expr.type) {
    case 'literal': {
      const v = expr.value;
      return () => v;
    }
    case 'field': {
      const { name, segments } = expr;
      if (segments.length > 1) return (row) => row.getPath(name, segments);
      return (row) => row.get(name);
    }
    case 'period':
      throw ctx.error(`unexpected symbol found ${expr.text}`, expr);
    case 'regex':
      throw ctx.error(`unexpected symbol found /${expr.body}/`, expr);
    case 'unary': {
      const arg = compile(expr.arg);
      if (expr.op === 'not') return (row) => !isTruthy(arg(row));
      return (row) => {
        const n = toNumber(arg(row));
        return n === null ? null : -n;
      };
    }
    case 'binary':
      return binary(expr.op, compile(expr.left), compile(expr.right));
    case 'match':
      return match(expr, ctx, compile);
    case 'in': {
      const arg = compile(expr.arg);
      const items = expr.list.map(compile);
      const negated = expr.negated;
      return (row) => {
        const v = arg(row);
        if (v === null) return false;
        const found = items.some((item) => compareValues(v, item(row)) === 0);
        return negated ? !found : found;
      };
    }
    case 'call':
      return call(expr, ctx, compile, aggregate);
    case 'member': {
      const object = compile(expr.object);
      const key = expr.key;
      return (row) => {
        const o = object(row);
        return isStructure(o) ? walk(o, [key]) : null;
      };
    }
    case 'index': {
      const object = compile(expr.object);
      const index = compile(expr.index);
      return (row) => {
        const o = object(row);
        const i = index(row);
        if (!isStructure(o) || i === null) return null;
        const key = toText(i);
        return key === null ? null : walk(o, [key]);
      };
    }
  }
}

function binary(op: string, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    case 'and':
      return (row) => isTruthy(left(row)) && isTruthy(right(row));
    case 'or':
      return (row) => isTruthy(left(row)) || isTruthy(right(row));
    case '=':
      return (row) => compareValues(left(row), right(row)) === 0;
    case '!=':
      return (row) => {
        const c = compareValues(left(row), right(row));
        return c !== null && c !== 0;
      };
    case '<':
      return comparison(left, right, (c) => c < 0);
    case '<=':
      return comparison(left, right, (c) => c <= 0);
    case '>':
      return comparison(left, right, (c) => c > 0);
    case '>=':
      return comparison(left, right, (c) => c >= 0);
    default:
      return arithmetic(op, left, right);
  }
}

function comparison(left: Evaluator, right: Evaluator, test: (c: number) => boolean): Evaluator {
  return (row) => {
    const c = compareValues(left(row), right(row));
    return c !== null && test(c);
  };
}

function arithmetic(op: string, left: Evaluator, right: Evaluator): Evaluator {
  const apply: (a: number, b: number) => number =
    op === '+'
      ? (a, b) => a + b
      : op === '-'
        ? (a, b) => a - b
        : op === '*'
          ? (a, b) => a * b
          : op === '/'
            ? (a, b) => a / b
            : op === '^'
              ? (a, b) => a ** b
              : (a, b) => a % b;
  return (row) => {
    const a = toNumber(left(row));
    if (a === null) return null;
    const b = toNumber(right(row));
    if (b === null) return null;
    const out = apply(a, b);
    return Number.isFinite(out) ? out : null;
  };
}

/**
 * `like` and `=~`: a quoted string matches as a substring, a `/regex/` anywhere in the
 * value; both case-sensitive unless the regex says `(?i)`.
 */
function match(
  expr: Extract<Expr, { type: 'match' }>,
  ctx: CompileContext,
  compile: (e: Expr) => Evaluator,
): Evaluator {
  const arg = compile(expr.arg);
  const p = expr.pattern;
  let test: (s: string) => boolean;
  if (p.type === 'regex') {
    const re = ctx.regex(p.body, p);
    test = (s) => re.test(s);
  } else if (p.type === 'literal' && typeof p.value === 'string') {
    const needle = p.value;
    test = (s) => s.includes(needle);
  } else {
    const pattern = compile(p);
    const negatedDynamic = expr.negated;
    return (row) => {
      const s = toText(arg(row));
      const needle = toText(pattern(row));
      if (s === null || needle === null) return false;
      return s.includes(needle) !== negatedDynamic;
    };
  }
  const negated = expr.negated;
  return (row) => {
    const s = toText(arg(row));
    // A missing field takes part in no comparison, negated or not (as `!=` and `not in`).
    if (s === null) return false;
    return test(s) !== negated;
  };
}

function call(
  expr: Extract<Expr, { type: 'call' }>,
  ctx: CompileContext,
  compile: (e: Expr) => Evaluator,
  aggregate: AggregateHook | undefined,
): Evaluator {
  const name = expr.name;
  if (AGGREGATE_NAMES.has(name)) {
    if (!aggregate) throw ctx.error(`${name} can only be used in a stats command`, expr);
    return aggregate(expr);
  }
  const fn = scalarFunction(name);
  if (!fn) {
    if (isKnownButNotImplemented(name)) {
      throw ctx.error(`teiki does not implement the function ${name} yet`, expr);
    }
    throw ctx.error(`unexpected symbol found ${ctx.text.slice(expr.start, expr.end)}`, expr);
  }
  if (expr.star) throw ctx.error(`unexpected symbol found *`, expr);
  const n = expr.args.length;
  if (n < fn.min || n > fn.max) {
    throw ctx.error(`Invalid number of arguments for function ${name}`, expr);
  }
  // Periods and regexes are constants the functions taking them read from the expression.
  const args = expr.args.map((a, i) =>
    fn.constants?.includes(i) && (a.type === 'period' || a.type === 'regex')
      ? constantPlaceholder
      : compile(a),
  );
  return fn.make({ args, exprs: expr.args, call: expr, ctx });
}

const constantPlaceholder: Evaluator = (): Value => null;
