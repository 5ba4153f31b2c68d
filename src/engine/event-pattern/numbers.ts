import { PatternFault } from './faults.js';

/**
 * Ruler's ComparableNumber: numeric comparisons work on values between -5e9 and 5e9 with at
 * most six decimals, compared exactly as integers of millionths. Values outside that are
 * never numeric-matched (they can still match an identical number literally).
 */

const LIMIT = 5_000_000_000_000_000n; // 5e9 in millionths
export const MIN_MICROS = -Number(LIMIT);
export const MAX_MICROS = Number(LIMIT);

export type Comparable =
  { readonly ok: true; readonly micros: number } | { readonly ok: false; readonly reason: string };

const PRECISION = 'Only values upto 6 decimals are supported';
const RANGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';
const DECIMAL = /^(-?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;

/** The value in millionths, exactly, from a JSON number's text (or JavaScript's). */
export function comparable(text: string): Comparable {
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, reason: RANGE };
  const [, sign, whole = '', fraction = '', exponentText] = m;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(exponentText ?? '0') - fraction.length;
  if (digits === '') return { ok: true, micros: 0 };
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  // BigDecimal's scale after stripTrailingZeros is -exponent.
  if (-exponent > 6) return { ok: false, reason: PRECISION };
  if (digits.length + exponent + 6 > 17) return { ok: false, reason: RANGE };
  let micros = BigInt(digits) * 10n ** BigInt(exponent + 6);
  if (sign === '-') micros = -micros;
  if (micros < -LIMIT || micros > LIMIT) return { ok: false, reason: RANGE };
  return { ok: true, micros: Number(micros) };
}

/** As ComparableNumber.generate: the millionths, or ruler's IllegalArgumentException. */
export function requireComparable(text: string): number {
  const c = comparable(text);
  if (!c.ok) throw new PatternFault(c.reason, 'argument');
  return c.micros;
}

/** Millionths of an event's number, when ruler would treat it numerically. */
export function eventMicros(value: number): number | undefined {
  const c = comparable(String(value));
  return c.ok ? c.micros : undefined;
}
