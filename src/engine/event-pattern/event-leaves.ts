/**
 * An event as ruler sees it: leaf values named by their dot-joined path ("a.b" is reached
 * by {"a":{"b":…}} and by {"a.b":…} alike), each remembering which element of which
 * enclosing array it sits in. Only objects and arrays inside an array record their element:
 * a scalar directly in an array does not, so ["x","y"] never constrains another field.
 */

/** Pairs of (array, element index) a leaf sits in. */
export type Membership = readonly (readonly [object, number])[];

export type LeafValue = string | number | boolean | null;

export interface Leaf {
  readonly value: LeafValue;
  readonly membership: Membership;
  /** Lazily filled by the predicates: millionths (null when not numeric) and address bytes. */
  micros?: number | null;
  address?: Uint8Array | null;
}

const NONE: Membership = [];

/** Every leaf of `event` whose path is `path`. */
export function leavesAt(event: object, path: string): Leaf[] {
  const out: Leaf[] = [];
  descend(event, path, NONE, out);
  return out;
}

/** `node` is an object; collect what lies at `rest` below it. */
function descend(node: object, rest: string, membership: Membership, out: Leaf[]): void {
  // Any prefix of `rest` that ends at a dot (or is all of it) may be a key of this object.
  for (let end = rest.indexOf('.'); ; end = rest.indexOf('.', end + 1)) {
    const key = end < 0 ? rest : rest.slice(0, end);
    if (Object.prototype.hasOwnProperty.call(node, key)) {
      const child = (node as Record<string, unknown>)[key];
      if (end < 0) collect(child, membership, out);
      else below(child, rest.slice(end + 1), membership, out);
    }
    if (end < 0) return;
  }
}

/** The leaves `value` itself contributes at the full path. */
function collect(value: unknown, membership: Membership, out: Leaf[]): void {
  if (Array.isArray(value)) {
    value.forEach((element: unknown, index) => {
      if (Array.isArray(element)) collect(element, [...membership, [value, index]], out);
      else if (isLeaf(element)) out.push({ value: element, membership });
    });
  } else if (isLeaf(value)) {
    out.push({ value, membership });
  }
}

/** Continue the walk inside `value` (an object, or an array of objects and arrays). */
function below(value: unknown, rest: string, membership: Membership, out: Leaf[]): void {
  if (Array.isArray(value)) {
    value.forEach((element: unknown, index) => {
      if (element !== null && typeof element === 'object') {
        below(element, rest, [...membership, [value, index]], out);
      }
    });
  } else if (value !== null && typeof value === 'object') {
    descend(value, rest, membership, out);
  }
}

function isLeaf(value: unknown): value is LeafValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Ruler's array consistency: two leaves may be used together only if, for every array
 * both sit in, they sit in the same element. Returns the combined membership.
 */
export function join(a: Membership, b: Membership): Membership | undefined {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  let merged: (readonly [object, number])[] | undefined;
  for (const pair of b) {
    const other = a.find(([array]) => array === pair[0]);
    if (other === undefined) (merged ??= [...a]).push(pair);
    else if (other[1] !== pair[1]) return undefined;
  }
  return merged ?? a;
}
