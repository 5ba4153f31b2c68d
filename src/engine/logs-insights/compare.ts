/**
 * Comparing values: numerically when both read as numbers (a parsed "200" equals the JSON
 * number 200), otherwise as text. Maps, lists and missing values compare as nothing
 * ("Comparing map and list to any other fields result in false").
 */
import { TimeValue, type Value, isStructure, toNumber, toText } from './values.js';

/** Negative, zero or positive; null when the two cannot be compared. */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null || isStructure(a) || isStructure(b)) return null;
  if (a instanceof TimeValue && b instanceof TimeValue) return a.ms - b.ms;
  const x = toNumber(a);
  if (x !== null) {
    const y = toNumber(b);
    if (y !== null) return x < y ? -1 : x > y ? 1 : 0;
  }
  const s = toText(a);
  const t = toText(b);
  if (s === null || t === null) return null;
  return s < t ? -1 : s > t ? 1 : 0;
}

export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}
