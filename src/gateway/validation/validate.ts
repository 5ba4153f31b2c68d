/**
 * Checks a decoded input against its model shape the way AWS's request layer (Coral) does,
 * and words each violation as AWS does. What is known of Coral's behaviour, and followed:
 * - paths use the member names with a lower-case first letter; list elements are
 *   `name.N.member` (1-based), map values `name.KEY.member`, nested members `a.b`;
 * - a missing required member is `Value null at '…' … Member must not be null`;
 * - the constraints of one scalar are checked max length, min length, pattern, enum
 *   (numbers: max, then min), each failure its own violation;
 * - a list of scalars, and a map's keys or scalar values, are checked as one: a single
 *   violation `Member must satisfy constraint: [every constraint of the element, Member
 *   must not be null]` (`Map value must …`; `Map keys must …` without the null clause, as
 *   in a recorded EventBridge reply), however many elements fail;
 * - a collection's own length comes before its elements;
 * - sensitive shapes print no value: `Value at '…'`, nor do the constraint kinds a service
 *   leaves the value out of (coral-style.ts: CloudWatch Logs' patterns);
 * - at most ten violations are reported (dynalite, which mirrors DynamoDB's Coral, caps
 *   there too).
 * The order between sibling members follows the model; AWS's own order is not documented.
 * Values of the wrong JSON type are the codec's business (SerializationException); here
 * they are skipped, never a crash.
 */
import type {
  ListShape,
  MapShape,
  MemberRef,
  ServiceSchema,
  Shape,
  StructureShape,
} from '../schema/types.js';
import {
  NOT_NULL,
  formatValue,
  inEnum,
  lengthAtLeast,
  lengthAtMost,
  matchesPattern,
  valueAtLeast,
  valueAtMost,
  violation,
} from './format.js';
import { lowerFirst, printsValue, type ConstraintKind } from './coral-style.js';
import { compileModelPattern } from './model-regex.js';

const MAX_VIOLATIONS = 10;

/** One constraint of a scalar shape: its kind, its wording and whether a value passes. */
interface Constraint {
  kind: ConstraintKind;
  text: string;
  passes: (value: unknown) => boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

/** Length as AWS counts it: characters (code points) of a string, bytes of a blob. */
function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string') {
    let count = 0;
    for (const _ of value) count++;
    return count;
  }
  if (value instanceof Uint8Array) return value.length;
  return undefined;
}

const constraintCache = new WeakMap<Shape, Constraint[]>();

/** The constraints of a scalar shape, in the order AWS reports them. */
function scalarConstraints(shape: Shape): Constraint[] {
  const cached = constraintCache.get(shape);
  if (cached) return cached;
  const list: Constraint[] = [];
  if (shape.type === 'string' || shape.type === 'blob') {
    const { min, max } = shape;
    if (max !== undefined)
      list.push({
        kind: 'length',
        text: lengthAtMost(max),
        passes: (v) => (lengthOf(v) ?? 0) <= max,
      });
    if (min !== undefined)
      list.push({
        kind: 'length',
        text: lengthAtLeast(min),
        passes: (v) => (lengthOf(v) ?? min) >= min,
      });
  }
  if (shape.type === 'string') {
    const { pattern, enum: values } = shape;
    if (pattern !== undefined) {
      const regex = compileModelPattern(pattern);
      // A pattern that cannot be expressed is not checked rather than wrongly refused.
      const passes = (v: unknown) => regex === undefined || typeof v !== 'string' || regex.test(v);
      list.push({ kind: 'pattern', text: matchesPattern(pattern), passes });
    }
    if (values !== undefined) {
      list.push({
        kind: 'enum',
        text: inEnum(values),
        passes: (v) => typeof v !== 'string' || values.includes(v),
      });
    }
  }
  if (
    shape.type === 'integer' ||
    shape.type === 'long' ||
    shape.type === 'float' ||
    shape.type === 'double'
  ) {
    const { min, max } = shape;
    if (max !== undefined)
      list.push({
        kind: 'range',
        text: valueAtMost(shape, max),
        passes: (v) => typeof v !== 'number' || v <= max,
      });
    if (min !== undefined)
      list.push({
        kind: 'range',
        text: valueAtLeast(shape, min),
        passes: (v) => typeof v !== 'number' || v >= min,
      });
  }
  constraintCache.set(shape, list);
  return list;
}

function isScalar(shape: Shape): boolean {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

/** One violation: its text, and for a value outside an enum, that enum and where. */
export interface Violation {
  text: string;
  kind: ConstraintKind;
  path: string;
  /** The allowed values, when the violation is a value outside the member's enum. */
  enumValues?: readonly string[];
}

class Validation {
  readonly violations: Violation[] = [];

  constructor(private readonly schema: ServiceSchema) {}

  private shapeOf = (name: string): Shape | undefined => this.schema.shapes[name];

  private get full(): boolean {
    return this.violations.length >= MAX_VIOLATIONS;
  }

  private report(
    shape: Shape,
    value: unknown,
    path: string,
    kind: ConstraintKind,
    constraint: string,
    enumValues?: readonly string[],
  ): void {
    if (this.full) return;
    const printed =
      shape.sensitive || !printsValue(this.schema.name, kind)
        ? undefined
        : value === null || value === undefined
          ? null
          : formatValue(value, shape, this.schema);
    this.violations.push({
      text: violation(printed, path, constraint),
      kind,
      path,
      ...(enumValues ? { enumValues } : {}),
    });
  }

  structure(shape: StructureShape, value: Record<string, unknown>, path: string): void {
    const required = shape.required ?? [];
    for (const [name, ref] of Object.entries(shape.members)) {
      if (this.full) return;
      const memberPath = join(path, lowerFirst(name));
      const memberValue = value[name];
      const memberShape = this.shapeOf(ref.shape);
      if (!memberShape) continue;
      if (memberValue === null || memberValue === undefined) {
        if (required.includes(name)) this.report(memberShape, null, memberPath, 'null', NOT_NULL);
        continue;
      }
      this.member(ref, memberValue, memberPath);
    }
  }

  member(ref: MemberRef, value: unknown, path: string): void {
    const shape = this.shapeOf(ref.shape);
    if (!shape) return;
    switch (shape.type) {
      case 'structure':
        if (isRecord(value)) this.structure(shape, value, path);
        return;
      case 'list':
        if (Array.isArray(value)) this.list(shape, value, path);
        return;
      case 'map':
        if (isRecord(value)) this.map(shape, value, path);
        return;
      default:
        for (const constraint of scalarConstraints(shape)) {
          if (!constraint.passes(value)) {
            const values =
              constraint.kind === 'enum' && shape.type === 'string' ? shape.enum : undefined;
            this.report(shape, value, path, constraint.kind, constraint.text, values);
          }
        }
    }
  }

  /** A collection's own size bounds. */
  private size(shape: ListShape | MapShape, value: unknown, count: number, path: string): void {
    if (shape.max !== undefined && count > shape.max)
      this.report(shape, value, path, 'length', lengthAtMost(shape.max));
    if (shape.min !== undefined && count < shape.min)
      this.report(shape, value, path, 'length', lengthAtLeast(shape.min));
  }

  /**
   * Scalars checked as one group: `prefix [every constraint of the element]`, plus `Member
   * must not be null` where an element could be null (list members, map values; not keys).
   */
  private group(
    owner: Shape,
    value: unknown,
    element: Shape,
    items: unknown[],
    path: string,
    prefix: string,
    nullable: boolean,
  ): void {
    const constraints = scalarConstraints(element);
    const fails = items.some(
      (item) => item === null || item === undefined || constraints.some((c) => !c.passes(item)),
    );
    if (!fails) return;
    const texts = constraints.map((c) => c.text);
    if (nullable) texts.push(NOT_NULL);
    // The element's sensitivity hides the whole collection as well.
    const shown: Shape = element.sensitive ? { ...owner, sensitive: true } : owner;
    const outsideEnum =
      element.type === 'string' &&
      element.enum !== undefined &&
      items.some((item) => typeof item === 'string' && !element.enum?.includes(item));
    this.report(
      shown,
      value,
      path,
      'group',
      `${prefix} [${texts.join(', ')}]`,
      outsideEnum && element.type === 'string' ? element.enum : undefined,
    );
  }

  list(shape: ListShape, value: unknown[], path: string): void {
    this.size(shape, value, value.length, path);
    const element = this.shapeOf(shape.member.shape);
    if (!element) return;
    if (isScalar(element)) {
      this.group(shape, value, element, value, path, 'Member must satisfy constraint:', true);
      return;
    }
    value.forEach((item, index) => {
      const itemPath = `${path}.${index + 1}.member`;
      if (item === null || item === undefined)
        this.report(element, null, itemPath, 'null', NOT_NULL);
      else this.member(shape.member, item, itemPath);
    });
  }

  map(shape: MapShape, value: Record<string, unknown>, path: string): void {
    const keys = Object.keys(value);
    this.size(shape, value, keys.length, path);
    const keyShape = this.shapeOf(shape.key.shape);
    if (keyShape)
      this.group(shape, value, keyShape, keys, path, 'Map keys must satisfy constraint:', false);
    const valueShape = this.shapeOf(shape.value.shape);
    if (!valueShape) return;
    if (isScalar(valueShape)) {
      this.group(
        shape,
        value,
        valueShape,
        Object.values(value),
        path,
        'Map value must satisfy constraint:',
        true,
      );
      return;
    }
    for (const key of keys) {
      const itemPath = `${path}.${key}.member`;
      const item = value[key];
      if (item === null || item === undefined)
        this.report(valueShape, null, itemPath, 'null', NOT_NULL);
      else this.member(shape.value, item, itemPath);
    }
  }
}

/**
 * AWS's per-violation messages for `input` against the structure `shapeName` of `schema`
 * (empty when the input is valid). `input` is the decoded operation input; anything that is
 * not an object is checked as an empty one.
 */
export function validateInput(schema: ServiceSchema, shapeName: string, input: unknown): string[] {
  return findViolations(schema, shapeName, input).map((v) => v.text);
}

/** The violations of `input`, with what each is about (see validateInput). */
export function findViolations(
  schema: ServiceSchema,
  shapeName: string,
  input: unknown,
): Violation[] {
  const shape = schema.shapes[shapeName];
  if (shape?.type !== 'structure') return [];
  const validation = new Validation(schema);
  validation.structure(shape, isRecord(input) ? input : {}, '');
  return validation.violations;
}

/** `1 validation error detected: …` / `N validation errors detected: a; b`. */
export function validationMessage(violations: readonly string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}
