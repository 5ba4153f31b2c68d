/**
 * Flat query parameters (`Tags.member.1.Key=k`, `Filter.1.Value.1=v`) → an input object
 * by the model's shapes. awsQuery and ec2Query differ only in how a member and a list
 * are named on the wire, which the caller passes as a `QueryNaming`.
 */
import type {
  ListShape,
  MapShape,
  MemberRef,
  ServiceSchema,
  Shape,
  StructureShape,
} from '../schema/types.js';
import { invalidQueryIndex, invalidQueryParameter, tooManyFormParameters } from './errors.js';
import { isDocument, operationInput, shapeOf } from './model.js';
import { setEntry } from './objects.js';
import { parseEpochSeconds, parseTimestamp } from './timestamps.js';
import type { WireRequest } from './types.js';

export interface QueryNaming {
  /** The wire name of structure member `name`. */
  member(name: string, ref: MemberRef): string;
  /** The prefix the numbered items of a list member sit under (`A.member`, or `A` when flattened). */
  listItems(prefix: string, list: ListShape, ref: MemberRef): string;
}

export type QueryParams = ReadonlyMap<string, string>;

/**
 * The request's parameters: the query string's, then the form body's. The first of a
 * repeated name wins, and the query string wins over the body, as the gateway's routing
 * reads `Action` (and as LocalStack merges them).
 */
export function collectParams(req: WireRequest): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of req.query) if (!params.has(key)) params.set(key, value);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (
    req.body.length > 0 &&
    (type === '' || type.startsWith('application/x-www-form-urlencoded'))
  ) {
    let text = req.body.toString('utf8');
    const cut = nthIndexOf(text, '&', MAX_FORM_PARAMETERS);
    if (cut >= 0) {
      // Only the first ones are read, enough to route the request to its refusal.
      text = text.slice(0, cut);
      oversized.add(req);
    }
    for (const [key, value] of new URLSearchParams(text))
      if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/**
 * teiki's ceiling on one form request's parameters. AWS documents none, but nothing it
 * accepts comes near (a thousand security-group rules are under 10,000), and the count,
 * not the byte size, is what reading costs: within it a request is read in well under a
 * tenth of a second per step (the gateway yields between parsing and decoding); an 8 MiB
 * body of tiny parameters would hold the event loop for a second. High enough that a
 * request AWS refuses for its content (30,000 filters: FilterLimitExceeded) gets that
 * answer rather than this one.
 */
export const MAX_FORM_PARAMETERS = 65_536;

const oversized = new WeakSet<WireRequest>();

/** Where the `n`-th `sep` is, or -1. */
function nthIndexOf(text: string, sep: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(sep, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const cache = new WeakMap<WireRequest, Map<string, string>>();

/** collectParams, parsed once per request (resolveOperation and decodeInput both need it). */
export function paramsOf(req: WireRequest): ReadonlyMap<string, string> {
  let params = cache.get(req);
  if (!params) {
    params = collectParams(req);
    cache.set(req, params);
  }
  return params;
}

export function readQueryStructure(
  schema: ServiceSchema,
  shape: StructureShape,
  params: QueryParams,
  naming: QueryNaming,
): Record<string, unknown> {
  return readStructure(new Reader(schema, naming), shape, '', keyTree(params));
}

/**
 * The parameters as a tree of their dot-separated segments (`Filter.1.Value.2` is
 * root → Filter → 1 → Value → 2). Reading walks it alongside the shapes, so a request of
 * n keys costs O(n) however many lists and structures it has; scanning every key for
 * every list, as before, made 30,000 filters take 20 seconds. A node sorts its keys into
 * children only when the reader first looks inside it: keys no member asks for (a
 * request padded with thousands of unknown parameters) are grouped once, at the root.
 */
interface KeyEntry {
  key: string;
  value: string;
  /** Where the part of `key` below the node holding this entry starts. */
  pos: number;
}

class KeyNode {
  /** The value of the key that ends here, if one does. */
  value: string | undefined;
  readonly #below: KeyEntry[] = [];
  #children: Map<string, KeyNode> | undefined;

  /** Whether any key continues below this node. */
  get hasChildren(): boolean {
    return this.#below.length > 0;
  }

  add(entry: KeyEntry): void {
    this.#below.push(entry);
  }

  children(): Map<string, KeyNode> {
    if (this.#children) return this.#children;
    const children = new Map<string, KeyNode>();
    for (const entry of this.#below) {
      const dot = entry.key.indexOf('.', entry.pos);
      const segment = dot < 0 ? entry.key.slice(entry.pos) : entry.key.slice(entry.pos, dot);
      let child = children.get(segment);
      if (!child) {
        child = new KeyNode();
        children.set(segment, child);
      }
      if (dot < 0) {
        child.value ??= entry.value;
      } else {
        entry.pos = dot + 1;
        child.add(entry);
      }
    }
    this.#children = children;
    return children;
  }
}

function keyTree(params: QueryParams): KeyNode {
  const root = new KeyNode();
  for (const [key, value] of params) root.add({ key, value, pos: 0 });
  return root;
}

/** The node `path` (dot-separated, relative) names under `node`, if any key reaches it. */
function walk(node: KeyNode | undefined, path: string): KeyNode | undefined {
  if (path === '') return node;
  let at = node;
  let start = 0;
  while (at) {
    const dot = path.indexOf('.', start);
    at = at.children().get(dot < 0 ? path.slice(start) : path.slice(start, dot));
    if (dot < 0) return at;
    start = dot + 1;
  }
  return undefined;
}

/** How many item numbers an error message lists before it stops. */
const INDEXES_SHOWN = 10;

class Reader {
  constructor(
    readonly schema: ServiceSchema,
    readonly naming: QueryNaming,
  ) {}

  /** The item numbers used under `node` (named `prefix` on the wire), checked to run 1, 2, 3, … */
  indexes(prefix: string, node: KeyNode | undefined): number[] {
    const found = new Set<number>();
    for (const segment of node?.children().keys() ?? []) {
      if (/^\d+$/.test(segment)) found.add(Number(segment));
    }
    const sorted = [...found].sort((a, b) => a - b);
    if (sorted.some((index, i) => index !== i + 1)) {
      throw invalidQueryIndex(prefix, sorted.slice(0, INDEXES_SHOWN), sorted.length);
    }
    return sorted;
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** `full` below `key` as a relative path (`A.member` under `A` is `member`). */
function below(key: string, full: string): string {
  return full === key ? '' : full.slice(key.length + 1);
}

function readStructure(
  reader: Reader,
  shape: StructureShape,
  prefix: string,
  node: KeyNode | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = reader.naming.member(name, member);
    const value = readValue(reader, member, join(prefix, wire), walk(node, wire));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readValue(
  reader: Reader,
  ref: MemberRef,
  key: string,
  node: KeyNode | undefined,
): unknown {
  if (node === undefined) return undefined;
  const shape = shapeOf(reader.schema, ref.shape);
  if (isDocument(shape)) return node.value;
  switch (shape.type) {
    case 'structure':
      return node.hasChildren ? readStructure(reader, shape, key, node) : undefined;
    case 'list':
      return readList(reader, shape, ref, key, node);
    case 'map':
      return readMap(reader, shape, ref, key, node);
    default:
      return node.value === undefined ? undefined : readScalar(shape, ref, key, node.value);
  }
}

function readList(
  reader: Reader,
  shape: ListShape,
  ref: MemberRef,
  key: string,
  node: KeyNode,
): unknown[] | undefined {
  const itemsPrefix = reader.naming.listItems(key, shape, ref);
  const items = walk(node, below(key, itemsPrefix));
  const indexes = reader.indexes(itemsPrefix, items);
  // awsQuery sends an empty list as the bare key with an empty value.
  if (indexes.length === 0) return node.value === '' ? [] : undefined;
  return indexes.map((i) =>
    readValue(reader, shape.member, `${itemsPrefix}.${i}`, items?.children().get(String(i))),
  );
}

function readMap(
  reader: Reader,
  shape: MapShape,
  ref: MemberRef,
  key: string,
  node: KeyNode,
): Record<string, unknown> | undefined {
  const entriesPrefix = ref.flattened || shape.flattened ? key : `${key}.entry`;
  const entries = walk(node, below(key, entriesPrefix));
  const indexes = reader.indexes(entriesPrefix, entries);
  if (indexes.length === 0) return node.value === '' ? {} : undefined;
  const keyName = shape.key.locationName ?? 'key';
  const valueName = shape.value.locationName ?? 'value';
  const out: Record<string, unknown> = {};
  for (const i of indexes) {
    const entry = entries?.children().get(String(i));
    const entryKey = walk(entry, keyName)?.value;
    if (entryKey === undefined) continue;
    const valueKey = `${entriesPrefix}.${i}.${valueName}`;
    const value = readValue(reader, shape.value, valueKey, walk(entry, valueName));
    if (value !== undefined) setEntry(out, entryKey, value);
  }
  return out;
}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function readScalar(shape: Shape, ref: MemberRef, key: string, text: string): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long': {
      const limit = shape.type === 'integer' ? 2 ** 31 : 2 ** 63;
      const value = Number(text);
      if (!INTEGER.test(text) || value < -limit || value >= limit)
        throw invalidQueryParameter(key, text, shape.type === 'integer' ? 'Integer' : 'Long');
      return value;
    }
    case 'float':
    case 'double':
      if (text === 'NaN') return Number.NaN;
      if (text === 'Infinity') return Number.POSITIVE_INFINITY;
      if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
      if (!FLOAT.test(text)) throw invalidQueryParameter(key, text, 'Double');
      return Number(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw invalidQueryParameter(key, text, 'Boolean');
      return lower === 'true';
    }
    case 'timestamp': {
      const format = ref.timestampFormat ?? shape.timestampFormat ?? 'iso8601';
      // Epoch seconds are taken as well as the declared format: hand-written requests use them.
      const date = parseTimestamp(text, format) ?? parseEpochSeconds(text);
      if (!date) throw invalidQueryParameter(key, text, 'Timestamp');
      return date;
    }
    case 'blob':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalidQueryParameter(key, text, 'Blob');
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      return text;
  }
}

/** The `Action` of a form request when the model has it (awsQuery and ec2Query alike). */
export function formOperation(req: WireRequest, schema: ServiceSchema): string | undefined {
  const action = paramsOf(req).get('Action');
  return action !== undefined && Object.hasOwn(schema.operations, action) ? action : undefined;
}

/** A form request's input structure, named on the wire as `naming` says. */
export function decodeFormInput(
  req: WireRequest,
  schema: ServiceSchema,
  operation: string,
  naming: QueryNaming,
): Record<string, unknown> {
  const shape = operationInput(schema, operation);
  const params = paramsOf(req);
  if (oversized.has(req)) throw tooManyFormParameters(MAX_FORM_PARAMETERS);
  return shape ? readQueryStructure(schema, shape, params, naming) : {};
}
