/**
 * The wording of AWS's (Coral's) validation messages: how a value is printed and how each
 * constraint reads. Coral prints values with Java's `toString`, so numbers of floating
 * types read `1.0`, lists `[a, b]`, maps `{k=v}` and blobs as a `HeapByteBuffer`.
 */
import type { NumberShape, Shape } from '../schema/types.js';

/** Nested sensitive values inside a printed list or map (the whole value is omitted instead). */
const REDACTED = '*** Sensitive Data Redacted ***';

export const NOT_NULL = 'Member must not be null';

/** Java's `Double.toString`: `1.0`, `0.5`, `1.0E7`, `1.0E-4`. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(n);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function isFloating(shape: Shape): boolean {
  return shape.type === 'float' || shape.type === 'double';
}

/** A bound from the model, printed as Coral prints it for that shape's type. */
export function formatBound(shape: Shape, n: number): string {
  return isFloating(shape) ? javaDouble(n) : String(n);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as Coral prints it inside `Value '…'`. `shapeOf` resolves member shapes so
 * nested numbers and sensitive members print correctly; unknown shapes print raw.
 */
export function formatValue(
  value: unknown,
  shape: Shape | undefined,
  shapeOf: (name: string) => Shape | undefined,
): string {
  if (value === null || value === undefined) return 'null';
  if (shape?.sensitive) return REDACTED;
  if (typeof value === 'string') return value;
  if (typeof value === 'number')
    return shape && isFloating(shape) ? javaDouble(value) : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) {
    return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  }
  if (Array.isArray(value)) {
    const element = shape?.type === 'list' ? shapeOf(shape.member.shape) : undefined;
    return `[${value.map((item) => formatValue(item, element, shapeOf)).join(', ')}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const parts = entries.map(([key, v]) => {
      let inner: Shape | undefined;
      if (shape?.type === 'map') inner = shapeOf(shape.value.shape);
      else if (shape?.type === 'structure') {
        const ref = shape.members[key];
        inner = ref ? shapeOf(ref.shape) : undefined;
      }
      return `${key}=${formatValue(v, inner, shapeOf)}`;
    });
    return `{${parts.join(', ')}}`;
  }
  return typeof value === 'symbol' ? value.toString() : Object.prototype.toString.call(value);
}

export function lengthAtMost(n: number): string {
  return `Member must have length less than or equal to ${n}`;
}

export function lengthAtLeast(n: number): string {
  return `Member must have length greater than or equal to ${n}`;
}

export function valueAtMost(shape: NumberShape, n: number): string {
  return `Member must have value less than or equal to ${formatBound(shape, n)}`;
}

export function valueAtLeast(shape: NumberShape, n: number): string {
  return `Member must have value greater than or equal to ${formatBound(shape, n)}`;
}

export function inEnum(values: readonly string[]): string {
  return `Member must satisfy enum value set: [${values.join(', ')}]`;
}

export function matchesPattern(pattern: string): string {
  return `Member must satisfy regular expression pattern: ${pattern}`;
}

/**
 * One violation: `Value 'x' at 'path'`; `printed` null gives `Value null at` (a missing
 * member), undefined gives `Value at` (a sensitive shape, whose value AWS never prints).
 */
export function violation(
  printed: string | null | undefined,
  path: string,
  constraint: string,
): string {
  const value =
    printed === undefined ? 'Value' : printed === null ? 'Value null' : `Value '${printed}'`;
  return `${value} at '${path}' failed to satisfy constraint: ${constraint}`;
}
