/**
 * The documented `sort` order ("an updated version of natural sorting"), ascending:
 * every non-number before every number; numbers by value; other values split into runs of
 * digits and runs of non-digits, compared run by run: two digit runs by length and then
 * value, anything else by Unicode order.
 */
import { TimeValue, type Value, isNumeric, isStructure, toNumber, toText } from './values.js';

export function naturalCompare(a: Value, b: Value): number {
  if (a instanceof TimeValue && b instanceof TimeValue) return a.ms - b.ms;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const an = isNumeric(a);
  const bn = isNumeric(b);
  if (an && bn) return toNumber(a)! - toNumber(b)!;
  if (an !== bn) return an ? 1 : -1;
  return compareText(toText(a) ?? '', toText(b) ?? '');
}

/** Whether a value takes part in ordering (missing values, maps and lists do not). */
export function isSortable(v: Value): boolean {
  return v !== null && !isStructure(v);
}

function compareText(x: string, y: string): number {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const xd = isDigit(x.charCodeAt(i));
    const yd = isDigit(y.charCodeAt(j));
    const xe = runEnd(x, i, xd);
    const ye = runEnd(y, j, yd);
    const xr = x.slice(i, xe);
    const yr = y.slice(j, ye);
    let c: number;
    if (xd && yd) {
      c = xr.length - yr.length || (xr < yr ? -1 : xr > yr ? 1 : 0);
    } else {
      c = xr < yr ? -1 : xr > yr ? 1 : 0;
      // Runs of different lengths that agree on the shorter one: the shorter sorts first
      // only if the strings end there; otherwise compare what follows character by character.
      if (c !== 0 && (xr.startsWith(yr) || yr.startsWith(xr)))
        c = codeCompare(x.slice(i), y.slice(j));
    }
    if (c !== 0) return c;
    i = xe;
    j = ye;
  }
  return x.length - i - (y.length - j);
}

function codeCompare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function runEnd(s: string, from: number, digits: boolean): number {
  let k = from;
  while (k < s.length && isDigit(s.charCodeAt(k)) === digits) k++;
  return k;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
