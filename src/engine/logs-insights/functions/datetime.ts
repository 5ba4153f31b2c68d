/**
 * Datetime functions. `bin` always reads `@timestamp` (which is why a second `stats`
 * cannot use it: only the first one's output is there). Periods must be literals.
 */
import type { Expr } from '../ast.js';
import type { CompileContext, Evaluator } from '../exec/context.js';
import { type Period, ceilTo, floorTo, makePeriod } from '../periods.js';
import { TimeValue, toMillis } from '../values.js';
import { type ScalarFunction, simple } from './types.js';

export function periodOf(expr: Expr, ctx: CompileContext): Period {
  if (expr.type === 'period') {
    const p = makePeriod(expr.amount, expr.unit);
    if (p) return p;
  }
  throw ctx.error(`Invalid time period ${ctx.text.slice(expr.start, expr.end)}`, expr);
}

function rounding(round: (ms: number, p: Period) => number): ScalarFunction {
  return {
    min: 2,
    max: 2,
    constants: [1],
    make: ({ args, exprs, ctx }) => {
      const period = periodOf(exprs[1]!, ctx);
      const value = args[0] as Evaluator;
      return (row) => {
        const ms = toMillis(value(row));
        return ms === null ? null : new TimeValue(round(ms, period));
      };
    },
  };
}

export const DATETIME_FUNCTIONS: Record<string, ScalarFunction> = {
  bin: {
    min: 1,
    max: 1,
    constants: [0],
    make: ({ exprs, ctx }) => {
      const period = periodOf(exprs[0]!, ctx);
      return (row) => {
        const ts = row.timestamp;
        return ts === undefined ? null : new TimeValue(floorTo(ts, period));
      };
    },
  },
  datefloor: rounding(floorTo),
  dateceil: rounding(ceilTo),
  frommillis: simple(1, 1, ([v]) => {
    const ms = toMillis(v ?? null);
    return ms === null ? null : new TimeValue(ms);
  }),
  tomillis: simple(1, 1, ([v]) => toMillis(v ?? null)),
  now: {
    min: 0,
    max: 0,
    // "Returns the time that the query processing was started, in epoch seconds."
    make: ({ ctx }) => {
      const seconds = Math.floor(ctx.window.now / 1000);
      return () => seconds;
    },
  },
};
