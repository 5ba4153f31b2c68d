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
import { invalidQueryIndex, invalidQueryParameter } from './errors.js';
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
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8')))
      if (!params.has(key)) params.set(key, value);
  }
  return params;
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
  return readStructure(new Reader(schema, params, naming), shape, '');
}

class Reader {
  private readonly keys: string[];
  constructor(
    readonly schema: ServiceSchema,
    readonly params: QueryParams,
    readonly naming: QueryNaming,
  ) {
    this.keys = [...params.keys()];
  }

  /** Whether any parameter sits under `prefix.`. */
  hasUnder(prefix: string): boolean {
    const start = `${prefix}.`;
    return this.keys.some((key) => key.startsWith(start));
  }

  /** The item numbers used under `prefix.`, checked to run 1, 2, 3, … */
  indexes(prefix: string): number[] {
    const start = `${prefix}.`;
    const found = new Set<number>();
    for (const key of this.keys) {
      if (!key.startsWith(start)) continue;
      const segment = key.slice(start.length).split('.', 1)[0]!;
      if (/^\d+$/.test(segment)) found.add(Number(segment));
    }
    const sorted = [...found].sort((a, b) => a - b);
    if (sorted.some((index, i) => index !== i + 1)) throw invalidQueryIndex(prefix, sorted);
    return sorted;
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function readStructure(
  reader: Reader,
  shape: StructureShape,
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = readValue(reader, member, join(prefix, reader.naming.member(name, member)));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readValue(reader: Reader, ref: MemberRef, key: string): unknown {
  const shape = shapeOf(reader.schema, ref.shape);
  if (isDocument(shape)) return reader.params.get(key);
  switch (shape.type) {
    case 'structure':
      return reader.hasUnder(key) ? readStructure(reader, shape, key) : undefined;
    case 'list':
      return readList(reader, shape, ref, key);
    case 'map':
      return readMap(reader, shape, ref, key);
    default: {
      const text = reader.params.get(key);
      return text === undefined ? undefined : readScalar(shape, ref, key, text);
    }
  }
}

function readList(
  reader: Reader,
  shape: ListShape,
  ref: MemberRef,
  key: string,
): unknown[] | undefined {
  const itemsPrefix = reader.naming.listItems(key, shape, ref);
  const indexes = reader.indexes(itemsPrefix);
  // awsQuery sends an empty list as the bare key with an empty value.
  if (indexes.length === 0) return reader.params.get(key) === '' ? [] : undefined;
  return indexes.map((i) => readValue(reader, shape.member, `${itemsPrefix}.${i}`));
}

function readMap(
  reader: Reader,
  shape: MapShape,
  ref: MemberRef,
  key: string,
): Record<string, unknown> | undefined {
  const entriesPrefix = ref.flattened || shape.flattened ? key : `${key}.entry`;
  const indexes = reader.indexes(entriesPrefix);
  if (indexes.length === 0) return reader.params.get(key) === '' ? {} : undefined;
  const keyName = shape.key.locationName ?? 'key';
  const valueName = shape.value.locationName ?? 'value';
  const out: Record<string, unknown> = {};
  for (const i of indexes) {
    const entryKey = reader.params.get(`${entriesPrefix}.${i}.${keyName}`);
    if (entryKey === undefined) continue;
    const value = readValue(reader, shape.value, `${entriesPrefix}.${i}.${valueName}`);
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
  return shape ? readQueryStructure(schema, shape, paramsOf(req), naming) : {};
}
