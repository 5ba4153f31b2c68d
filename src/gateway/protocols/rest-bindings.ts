/**
 * restJson1's HTTP bindings: members bound to URI labels, query parameters and headers,
 * read from text and written to text. Timestamps default to ISO 8601 in the URI and
 * query string and to RFC 7231 dates in headers; a `jsonvalue` header is base64 JSON.
 */
import type {
  MemberRef,
  ServiceSchema,
  Shape,
  StructureShape,
  TimestampFormat,
} from '../schema/types.js';
import { serializationException } from './errors.js';
import { shapeOf } from './model.js';
import { scalarText, setEntry } from './objects.js';
import {
  asDate,
  formatHttpDate,
  formatIso8601,
  parseEpochSeconds,
  parseTimestamp,
  toEpochSeconds,
} from './timestamps.js';
import type { WireRequest } from './types.js';

type Location = 'uri' | 'querystring' | 'header';

const DEFAULT_TIMESTAMP: Record<Location, TimestampFormat> = {
  uri: 'iso8601',
  querystring: 'iso8601',
  header: 'rfc822',
};

const TYPE_NAMES: Partial<Record<Shape['type'], string>> = {
  integer: 'an Integer',
  long: 'a Long',
  float: 'a Float',
  double: 'a Double',
  boolean: 'a Boolean',
  timestamp: 'a Timestamp',
  blob: 'a Blob',
};

function unreadable(where: string, text: string, shape: Shape) {
  return serializationException(
    `Value '${text}' at '${where}' can not be converted to ${TYPE_NAMES[shape.type] ?? shape.type}`,
  );
}

/** One bound value from its text. */
function readText(
  schema: ServiceSchema,
  ref: MemberRef,
  text: string,
  location: Location,
  where: string,
): unknown {
  const shape = shapeOf(schema, ref.shape);
  switch (shape.type) {
    case 'string':
      return ref.jsonvalue && location === 'header'
        ? Buffer.from(text, 'base64').toString('utf8')
        : text;
    case 'integer':
    case 'long':
      if (!/^[+-]?\d+$/.test(text)) throw unreadable(where, text, shape);
      return Number(text);
    case 'float':
    case 'double': {
      if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
      const value = Number(text);
      if (text.trim() === '' || Number.isNaN(value)) throw unreadable(where, text, shape);
      return value;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw unreadable(where, text, shape);
      return text === 'true';
    case 'timestamp': {
      const format = ref.timestampFormat ?? shape.timestampFormat ?? DEFAULT_TIMESTAMP[location];
      const date = parseTimestamp(text, format) ?? parseEpochSeconds(text);
      if (!date) throw unreadable(where, text, shape);
      return date;
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      // Structures, lists and maps cannot be bound to a single text.
      return text;
  }
}

function decodeLabel(raw: string, where: string): string {
  try {
    // A greedy label keeps its slashes; each segment is decoded on its own.
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw serializationException(`The URI label '${where}' is not properly percent-encoded`);
  }
}

/** Members bound to the URI, query string and headers, read from the request. */
export function readBindings(
  schema: ServiceSchema,
  shape: StructureShape,
  req: WireRequest,
  labels: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const boundQueryNames = new Set(
    Object.entries(shape.members)
      .filter(([, m]) => m.location === 'querystring' && shapeOf(schema, m.shape).type !== 'map')
      .map(([name, m]) => m.locationName ?? name),
  );
  for (const [name, member] of Object.entries(shape.members)) {
    const wireName = member.locationName ?? name;
    const memberShape = shapeOf(schema, member.shape);
    switch (member.location) {
      case 'uri': {
        const raw = labels[wireName];
        if (raw !== undefined)
          out[name] = readText(schema, member, decodeLabel(raw, wireName), 'uri', wireName);
        break;
      }
      case 'querystring': {
        if (memberShape.type === 'list') {
          const values = req.query.getAll(wireName);
          if (values.length > 0)
            out[name] = values.map((v) =>
              readText(schema, memberShape.member, v, 'querystring', wireName),
            );
        } else if (memberShape.type === 'map') {
          out[name] = readQueryMap(schema, memberShape.value, req.query, boundQueryNames);
        } else {
          const value = req.query.get(wireName);
          if (value !== null) out[name] = readText(schema, member, value, 'querystring', wireName);
        }
        break;
      }
      case 'header': {
        const value = req.headers[wireName.toLowerCase()];
        if (value === undefined) break;
        out[name] =
          memberShape.type === 'list'
            ? value
                .split(',')
                .map((v) => readText(schema, memberShape.member, v.trim(), 'header', wireName))
            : readText(schema, member, value, 'header', wireName);
        break;
      }
      case 'headers': {
        const prefix = wireName.toLowerCase();
        const map: Record<string, unknown> = {};
        for (const [header, value] of Object.entries(req.headers)) {
          if (header.startsWith(prefix)) setEntry(map, header.slice(prefix.length), value);
        }
        if (Object.keys(map).length > 0) out[name] = map;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** A querystring-bound map takes every parameter no other member binds. */
function readQueryMap(
  schema: ServiceSchema,
  valueRef: MemberRef,
  query: URLSearchParams,
  bound: Set<string>,
): Record<string, unknown> {
  const valueShape = shapeOf(schema, valueRef.shape);
  const map: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    if (bound.has(key)) continue;
    const values = query.getAll(key);
    setEntry(map, key, valueShape.type === 'list' ? values : values[0]);
  }
  return map;
}

/** One bound output value as header text. */
function headerText(schema: ServiceSchema, ref: MemberRef, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(schema, ref.shape);
  switch (shape.type) {
    case 'timestamp': {
      const date = asDate(value);
      if (!date) return undefined;
      const format = ref.timestampFormat ?? shape.timestampFormat ?? 'rfc822';
      return format === 'iso8601'
        ? formatIso8601(date)
        : format === 'unixTimestamp'
          ? String(toEpochSeconds(date))
          : formatHttpDate(date);
    }
    case 'list':
      return Array.isArray(value)
        ? (value as unknown[])
            .map((item) => headerText(schema, shape.member, item))
            .filter((t) => t !== undefined)
            .join(', ')
        : undefined;
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'string':
      return ref.jsonvalue
        ? Buffer.from(scalarText(value), 'utf8').toString('base64')
        : scalarText(value);
    default:
      return scalarText(value);
  }
}

/** Output members bound to headers and the status code. */
export function writeBindings(
  schema: ServiceSchema,
  shape: StructureShape,
  output: Record<string, unknown>,
): { headers: Record<string, string>; status?: number } {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  for (const [name, member] of Object.entries(shape.members)) {
    const value = output[name];
    if (value === null || value === undefined) continue;
    const wireName = (member.locationName ?? name).toLowerCase();
    if (member.location === 'header') {
      const text = headerText(schema, member, value);
      if (text !== undefined) headers[wireName] = text;
    } else if (member.location === 'headers' && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== null && item !== undefined)
          headers[`${wireName}${key.toLowerCase()}`] = scalarText(item);
      }
    } else if (member.location === 'statusCode') {
      status = Number(value);
    }
  }
  return status === undefined ? { headers } : { headers, status };
}
