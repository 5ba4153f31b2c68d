/**
 * Input values on the wire, per protocol, written by hand rather than by an SDK (which
 * would refuse most of what the fuzzer sends): awsJson, awsQuery, ec2Query, restJson1.
 */
import type { MemberRef, ServiceSchema, Shape } from '../../src/gateway/schema/types.js';
import { Bytes, RawJson, Stamp, type Value } from './values.js';

export interface WireCase {
  method: string;
  /** The request target as sent, raw (not normalised). */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Caller {
  accessKeyId: string;
  region: string;
}

/** A SigV4 header teiki's open mode reads for account, region and service; never verified. */
export function authorization(caller: Caller, service: string): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${caller.accessKeyId}/20261128/${caller.region}/${service}/aws4_request, ` +
    `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`
  );
}

function shapeOf(schema: ServiceSchema, ref: MemberRef | undefined): Shape | undefined {
  return ref ? schema.shapes[ref.shape] : undefined;
}

/** JSON text of a value; RawJson is spliced in as written. */
export function jsonText(value: Value): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Stamp) return v.ms / 1000;
    if (v instanceof Bytes) return v.data.toString('base64');
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

function scalarText(value: Value): string {
  if (value instanceof Stamp) return new Date(value.ms).toISOString();
  if (value instanceof Bytes) return value.data.toString('base64');
  if (value instanceof RawJson) return value.text;
  if (value === null) return '';
  if (typeof value === 'object') return jsonText(value);
  return String(value);
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Form parameters of a value, named as awsQuery (`query`) or ec2Query (`ec2`) name them. */
function flatten(
  schema: ServiceSchema,
  protocol: 'query' | 'ec2',
  ref: MemberRef | undefined,
  value: Value,
  key: string,
  out: Array<[string, string]>,
): void {
  const shape = shapeOf(schema, ref);
  if (Array.isArray(value)) {
    if (value.length === 0 && protocol === 'query') out.push([key, '']);
    let prefix = protocol === 'ec2' ? key : `${key}.member`;
    if (shape?.type === 'list' && protocol === 'query') {
      prefix =
        ref?.flattened || shape.flattened ? key : `${key}.${shape.member.locationName ?? 'member'}`;
    }
    const member = shape?.type === 'list' ? shape.member : undefined;
    value.forEach((item, i) => flatten(schema, protocol, member, item, `${prefix}.${i + 1}`, out));
    return;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Stamp) &&
    !(value instanceof Bytes) &&
    !(value instanceof RawJson)
  ) {
    if (shape?.type === 'map') {
      const prefix = ref?.flattened || shape.flattened ? key : `${key}.entry`;
      Object.entries(value).forEach(([k, v], i) => {
        out.push([`${prefix}.${i + 1}.${shape.key.locationName ?? 'key'}`, k]);
        flatten(
          schema,
          protocol,
          shape.value,
          v,
          `${prefix}.${i + 1}.${shape.value.locationName ?? 'value'}`,
          out,
        );
      });
      return;
    }
    const members = shape?.type === 'structure' ? shape.members : {};
    for (const [name, v] of Object.entries(value)) {
      const m = members[name];
      const wire = !m
        ? name
        : protocol === 'ec2'
          ? (m.queryName ?? capitalize(m.locationName ?? name))
          : (m.locationName ?? name);
      flatten(schema, protocol, m, v, key === '' ? wire : `${key}.${wire}`, out);
    }
    return;
  }
  out.push([key, scalarText(value)]);
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of every character `keep` does not match (lone surrogates too). */
function percentEncode(text: string, keep: RegExp): string {
  let out = '';
  for (const ch of text) {
    if (keep.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Form parameters as application/x-www-form-urlencoded text. */
export function formText(params: Array<[string, string]>): string {
  return new URLSearchParams(params).toString();
}

export function formBody(params: Array<[string, string]>): Buffer {
  return Buffer.from(formText(params), 'utf8');
}

/** Header values Node will send: Latin-1 without line breaks. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** An operation's input as one HTTP request of the service's protocol. */
export function encodeRequest(
  schema: ServiceSchema,
  operation: string,
  input: { [key: string]: Value },
  caller: Caller,
  options: { rawPath?: boolean } = {},
): WireCase {
  const headers: Record<string, string> = {
    authorization: authorization(caller, schema.signingName),
    'x-amz-date': '20261128T000000Z',
  };
  const op = schema.operations[operation]!;
  const inputRef: MemberRef | undefined = op.input ? { shape: op.input } : undefined;
  switch (schema.protocol) {
    case 'json':
      return {
        method: 'POST',
        path: '/',
        headers: {
          ...headers,
          'content-type': `application/x-amz-json-${schema.jsonVersion ?? '1.1'}`,
          'x-amz-target': `${schema.targetPrefix}.${operation}`,
        },
        body: Buffer.from(jsonText(input), 'utf8'),
      };
    case 'query':
    case 'ec2': {
      const params: Array<[string, string]> = [
        ['Action', operation],
        ['Version', schema.apiVersion],
      ];
      flatten(schema, schema.protocol, inputRef, input, '', params);
      return {
        method: 'POST',
        path: '/',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: formBody(params),
      };
    }
    case 'rest-json':
      return restRequest(schema, operation, input, headers, options.rawPath === true);
  }
}

function restRequest(
  schema: ServiceSchema,
  operation: string,
  input: { [key: string]: Value },
  headers: Record<string, string>,
  rawPath: boolean,
): WireCase {
  const op = schema.operations[operation]!;
  const shape = op.input ? schema.shapes[op.input] : undefined;
  const members = shape?.type === 'structure' ? shape.members : {};
  const [template, literalQuery = ''] = op.http.requestUri.split('?');
  const query = new URLSearchParams(literalQuery);
  const body: { [key: string]: Value } = {};
  const labels = new Map<string, string>();
  for (const [name, value] of Object.entries(input)) {
    const m = members[name];
    const wire = m?.locationName ?? name;
    if (m?.location === 'uri') labels.set(wire, scalarText(value));
    else if (m?.location === 'querystring') {
      for (const v of Array.isArray(value) ? value : [value]) query.append(wire, scalarText(v));
    } else if (m?.location === 'header' || m?.location === 'headers') {
      headers[wire.toLowerCase()] = headerSafe(scalarText(value));
    } else body[wire] = value;
  }
  const path = template!.replace(/\{([^}+]+)(\+)?\}/g, (_m, label: string, greedy?: string) => {
    const text = labels.get(label) ?? 'fz-a';
    // Raw: `.`, `/` and `%` go as written, so traversal and bad escapes reach the server.
    if (rawPath) return percentEncode(text, /[A-Za-z0-9\-._~!$&'()*+,;=:@/%]/);
    if (greedy)
      return text
        .split('/')
        .map((part) => percentEncode(part, UNRESERVED))
        .join('/');
    return percentEncode(text, UNRESERVED);
  });
  const qs = query.toString();
  const payload = shape?.type === 'structure' ? shape.payload : undefined;
  const bodyValue = payload !== undefined ? (input[payload] ?? {}) : body;
  return {
    method: op.http.method,
    path: qs === '' ? path : `${path}?${qs}`,
    headers: { ...headers, 'content-type': 'application/json' },
    body: Buffer.from(jsonText(bodyValue), 'utf8'),
  };
}
