/**
 * Numbers on both sides of a comparison. A pattern may write an integer, a decimal or
 * scientific notation, each with an optional sign (`+1000`, `55.5`, `10e-3`); a value in a
 * log event counts as a number when it is a JSON number or a plain signed decimal string,
 * since AWS does not read scientific notation out of strings.
 */
const PATTERN_NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const TEXT_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** The number a pattern literal spells, or undefined when it is not one. */
export function patternNumber(literal: string): number | undefined {
  return PATTERN_NUMBER.test(literal) ? Number(literal) : undefined;
}

/** The number a field or JSON string holds, NaN when it is not a number. */
export function textNumber(text: string): number {
  return TEXT_NUMBER.test(text) ? Number(text) : NaN;
}
