/**
 * A parsed JSON body → an input object, checked against the model's shapes the way AWS's
 * JSON front end checks it: null is the same as absent, unknown members are ignored, and
 * a value of the wrong JSON type is a SerializationException whose message is the one
 * AWS sends for that combination (measured on live services), or none where AWS sends none.
 */
import type { MemberRef, ServiceSchema, Shape, TimestampFormat } from '../schema/types.js';
import { serializationException } from './errors.js';
import { isDocument, shapeOf } from './model.js';
import { fromEpochSeconds, parseEpochSeconds, parseIso8601 } from './timestamps.js';
import { setEntry } from './objects.js';
import { jsonNestsDeeperThan } from '../../engine/json-depth.js';

export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  if (jsonNestsDeeperThan(text)) throw serializationException();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw serializationException();
  }
}

/** The top level of a JSON body read as the structure `shapeName`. */
export function readJsonStructure(
  schema: ServiceSchema,
  shapeName: string,
  value: unknown,
): Record<string, unknown> {
  if (Array.isArray(value)) throw serializationException(START_OF_LIST);
  if (value === null || typeof value !== 'object') throw serializationException();
  return readJson(schema, { shape: shapeName }, value, true) as Record<string, unknown>;
}

/**
 * One value of a member (or list/map element); undefined when it is null. At the top
 * level, members bound to the URI, query string or headers (rest-json) are not body members.
 */
export function readJson(
  schema: ServiceSchema,
  ref: MemberRef,
  value: unknown,
  top = false,
): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(schema, ref.shape);
  if (isDocument(shape)) return value;
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) throw mismatch(shape, value);
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        if (top && member.location !== undefined) continue;
        const wireName = member.locationName ?? name;
        if (!Object.hasOwn(value, wireName)) continue;
        const read = readJson(schema, member, value[wireName]);
        if (read !== undefined) out[name] = read;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(shape, value);
      const out: unknown[] = [];
      for (const item of value) {
        const read = readJson(schema, shape.member, item);
        if (read !== undefined) out.push(read);
      }
      return out;
    }
    case 'map': {
      if (!isPlainObject(value)) throw mismatch(shape, value);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const read = readJson(schema, shape.value, item);
        if (read !== undefined) setEntry(out, key, read);
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') throw mismatch(shape, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(shape, value);
      return value;
    case 'integer':
    case 'long':
      return readInteger(shape, value);
    case 'float':
    case 'double':
      return readFloat(shape, value);
    case 'timestamp':
      return readTimestamp(shape, value, ref.timestampFormat ?? shape.timestampFormat);
    case 'blob':
      return readBlob(shape, value);
  }
}

function readInteger(shape: Shape, value: unknown): number {
  if (typeof value !== 'number') throw mismatch(shape, value);
  const limit = shape.type === 'integer' ? 2 ** 31 : 2 ** 63;
  if (!Number.isInteger(value) || value < -limit || value >= limit) throw serializationException();
  return value;
}

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

function readFloat(shape: Shape, value: unknown): number {
  if (typeof value === 'number') return value;
  // Smithy's JSON protocols send the non-finite values as these strings.
  if (typeof value === 'string' && Object.hasOwn(NON_FINITE, value)) return NON_FINITE[value]!;
  throw mismatch(shape, value);
}

function readTimestamp(shape: Shape, value: unknown, format: TimestampFormat | undefined): Date {
  let date: Date | undefined;
  if (typeof value === 'number') date = fromEpochSeconds(value);
  // The JSON protocols send epoch seconds; an ISO 8601 string (or a declared format) is
  // taken too rather than failing a hand-written request.
  else if (typeof value === 'string')
    date =
      format === 'unixTimestamp'
        ? parseEpochSeconds(value)
        : (parseIso8601(value) ?? parseEpochSeconds(value));
  else throw mismatch(shape, value);
  if (!date) throw serializationException();
  return date;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function readBlob(shape: Shape, value: unknown): Uint8Array {
  if (typeof value !== 'string') throw mismatch(shape, value);
  if (!BASE64.test(value)) throw serializationException();
  return new Uint8Array(Buffer.from(value, 'base64'));
}

const START_OF_LIST = 'Start of list found where not expected';
const START_OF_OBJECT = 'Start of structure or map found where not expected.';

const TYPE_NAMES: Partial<Record<Shape['type'], string>> = {
  string: 'a String',
  integer: 'an Integer',
  long: 'a Long',
  float: 'a Float',
  double: 'a Double',
  // Sic: AWS says "an Boolean".
  boolean: 'an Boolean',
  timestamp: 'a Date',
  blob: 'a ByteBuffer',
};

function mismatch(shape: Shape, value: unknown) {
  if (shape.type === 'list')
    return serializationException(
      typeof value === 'string'
        ? 'Expected list or null'
        : isPlainObject(value)
          ? START_OF_OBJECT
          : '',
    );
  if (shape.type === 'structure')
    return serializationException(
      typeof value === 'string' ? 'Expected null' : Array.isArray(value) ? START_OF_LIST : '',
    );
  if (shape.type === 'map')
    return serializationException(Array.isArray(value) ? START_OF_LIST : '');
  if (Array.isArray(value)) return serializationException(START_OF_LIST);
  if (isPlainObject(value)) return serializationException(START_OF_OBJECT);
  const kind =
    typeof value === 'string'
      ? 'STRING_VALUE'
      : typeof value === 'number'
        ? 'NUMBER_VALUE'
        : value === true
          ? 'TRUE_VALUE'
          : 'FALSE_VALUE';
  return serializationException(
    `${kind} can not be converted to ${TYPE_NAMES[shape.type] ?? shape.type}`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
