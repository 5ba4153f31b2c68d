import type { Expr } from '../ast.js';
import type { CompileContext, Evaluator } from '../exec/context.js';
import type { Row } from '../row.js';
import type { Value } from '../values.js';

export interface FunctionCall {
  /** The compiled arguments, in order. */
  args: Evaluator[];
  /** The arguments as written, for functions that need a constant (a period, a pattern). */
  exprs: Expr[];
  call: Extract<Expr, { type: 'call' }>;
  ctx: CompileContext;
}

/** A scalar function: its arity and how to build its evaluator once per query. */
export interface ScalarFunction {
  min: number;
  max: number;
  /** Argument positions that take a literal period or regex, read by `make` from `exprs`. */
  constants?: readonly number[];
  make(call: FunctionCall): Evaluator;
}

/** A function that only needs its arguments' values. */
export function simple(
  min: number,
  max: number,
  fn: (values: Value[], row: Row) => Value,
): ScalarFunction {
  return {
    min,
    max,
    make: ({ args }) => {
      if (args.length === 1) {
        const a = args[0]!;
        return (row) => fn([a(row)], row);
      }
      return (row) =>
        fn(
          args.map((a) => a(row)),
          row,
        );
    },
  };
}
