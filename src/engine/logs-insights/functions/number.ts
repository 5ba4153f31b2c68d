/** Numeric functions ("Numeric operators" table): a non-numeric argument gives null. */
import { type Value, toNumber, toText } from '../values.js';
import { type ScalarFunction, simple } from './types.js';

function unary(fn: (n: number) => number): ScalarFunction {
  return simple(1, 1, ([v]) => {
    const n = toNumber(v ?? null);
    if (n === null) return null;
    const out = fn(n);
    return Number.isFinite(out) ? out : null;
  });
}

function extreme(pick: (a: number, b: number) => number): ScalarFunction {
  return simple(1, Infinity, (values) => {
    let best: number | null = null;
    for (const v of values) {
      const n = toNumber(v);
      if (n !== null) best = best === null ? n : pick(best, n);
    }
    return best;
  });
}

const RADIANS = Math.PI / 180;
const EARTH_RADIUS_KM = 6371;

/** Integer conversions read a numeric string or a number and drop the fraction. */
function integer(bits: 32 | 64): ScalarFunction {
  return simple(1, 1, ([v]) => {
    const n = toNumber(v ?? null);
    if (n === null) return null;
    const i = Math.trunc(n);
    if (bits === 32) return i >= -(2 ** 31) && i < 2 ** 31 ? i : null;
    return Number.isSafeInteger(i) ? i : null;
  });
}

export const NUMBER_FUNCTIONS: Record<string, ScalarFunction> = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  greatest: extreme(Math.max),
  least: extreme(Math.min),
  log: unary(Math.log),
  sqrt: unary(Math.sqrt),
  round: simple(1, 2, ([v, d]) => {
    const n = toNumber(v ?? null);
    if (n === null) return null;
    const digits = d === undefined ? 0 : toNumber(d);
    if (digits === null) return null;
    const f = 10 ** Math.trunc(digits);
    // Half away from zero, as Java's Math.round does for positive numbers.
    return (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
  }),
  haversine: simple(4, 4, (values) => {
    const [lat1, lon1, lat2, lon2] = values.map((v) => toNumber(v));
    if (lat1 == null || lon1 == null || lat2 == null || lon2 == null) return null;
    const dLat = (lat2 - lat1) * RADIANS;
    const dLon = (lon2 - lon1) * RADIANS;
    const a =
      Math.sin(dLat / 2) ** 2 +
      Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }),
  tonumber: simple(1, 1, ([v]) => toNumber(v ?? null)),
  todouble: simple(1, 1, ([v]) => toNumber(v ?? null)),
  toint: integer(32),
  tolong: integer(64),
};

/** Whether a value reads as a number (`isNumeric`, a general function). */
export function readsAsNumber(v: Value): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  const s = toText(v);
  return s !== null && toNumber(s) !== null;
}
