/**
 * The wording of AWS's (Coral's) validation messages: how a value is printed and how each
 * constraint reads. Coral prints values with Java's `toString`, so numbers of floating
 * types read `1.0`, lists `[a, b]`, maps `{k=v}`, structures `Name(field=value, …)` and
 * blobs as a `HeapByteBuffer`.
 */
import type { NumberShape, ServiceSchema, Shape, StructureShape } from '../schema/types.js';
import { javaFields, lowerFirst } from './coral-style.js';

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

const shapeNames = new WeakMap<ServiceSchema, Map<Shape, string>>();

/** The model's name of a shape object of `schema`. */
function nameOf(schema: ServiceSchema, shape: Shape): string | undefined {
  let names = shapeNames.get(schema);
  if (!names) {
    names = new Map(Object.entries(schema.shapes).map(([name, s]) => [s, name]));
    shapeNames.set(schema, names);
  }
  return names.get(shape);
}

/**
 * The value as Coral prints it inside `Value '…'`, with Java's `toString` of the service's
 * model classes: a structure is `Name(field=value, …)` (coral-style.ts), a map `{k=v}`, a
 * list `[a, b]`. Member shapes come from `schema`, so nested numbers, sensitive members and
 * structure names print right; a value without a known shape prints raw.
 */
export function formatValue(
  value: unknown,
  shape: Shape | undefined,
  schema: ServiceSchema,
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
  const shapeOf = (name: string): Shape | undefined => schema.shapes[name];
  if (Array.isArray(value)) {
    const element = shape?.type === 'list' ? shapeOf(shape.member.shape) : undefined;
    return `[${value.map((item) => formatValue(item, element, schema)).join(', ')}]`;
  }
  if (isRecord(value)) {
    if (shape?.type === 'structure') return formatStructure(value, shape, schema);
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const inner = shape?.type === 'map' ? shapeOf(shape.value.shape) : undefined;
    return `{${entries.map(([key, v]) => `${key}=${formatValue(v, inner, schema)}`).join(', ')}}`;
  }
  return typeof value === 'symbol' ? value.toString() : Object.prototype.toString.call(value);
}

/** Lombok's `toString`: every field of the Java class, absent ones `null`. */
function formatStructure(
  value: Record<string, unknown>,
  shape: StructureShape,
  schema: ServiceSchema,
): string {
  const members = Object.keys(shape.members);
  const byField = new Map(members.map((member) => [lowerFirst(member), member]));
  const name = nameOf(schema, shape) ?? 'Object';
  const fields = javaFields(schema.name, name, members).map((field) => {
    const member = byField.get(field);
    const ref = member === undefined ? undefined : shape.members[member];
    const memberShape = ref ? schema.shapes[ref.shape] : undefined;
    const memberValue = member === undefined ? undefined : value[member];
    return `${field}=${formatValue(memberValue, memberShape, schema)}`;
  });
  return `${name}(${fields.join(', ')})`;
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
