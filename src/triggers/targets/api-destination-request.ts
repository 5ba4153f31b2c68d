/**
 * The HTTP request EventBridge makes to an API destination: the destination's method and
 * endpoint (each `*` in its path replaced by the next PathParameterValue), the target's
 * HttpParameters and the connection's invocation parameters merged (the connection's win,
 * as AWS documents), the connection's authorization, and AWS's own headers, which the
 * others cannot override. HttpParameters values that are JSON paths (`$.detail.id`) are
 * read from the event.
 */
import type { ConnectionCredentials } from '../../services/events/connections/credentials.js';
import type { HttpParameters } from '../../services/events/generated/types.js';
import type { ApiDestinationRecord } from '../../services/events/api-destinations/records.js';
import { select } from '../input.js';
import { TargetError } from '../target-error.js';

/** Headers EventBridge sets itself; what the target or connection says of them is dropped. */
const RESERVED_HEADERS = new Set([
  'a-im',
  'accept-charset',
  'accept-datetime',
  'accept-encoding',
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-md5',
  'date',
  'expect',
  'forwarded',
  'from',
  'host',
  'http2-settings',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'max-forwards',
  'origin',
  'pragma',
  'proxy-authorization',
  'range',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'user-agent',
  'upgrade',
  'via',
  'warning',
]);

export const USER_AGENT = 'Amazon/EventBridge/ApiDestinations';
export const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

function invalid(message: string): TargetError {
  return new TargetError('InvalidParameterException', message);
}

/** A static value, or a JSON path into the event (`$.detail.x`). */
function valueOf(value: string, event: unknown): string {
  if (!value.startsWith('$.') && value !== '$') return value;
  const found = select(event, value);
  if (found === undefined || found === null) return '';
  return typeof found === 'string' ? found : JSON.stringify(found);
}

function endpointUrl(endpoint: string, pathValues: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`The API destination endpoint ${endpoint} is not a valid URL.`);
  }
  const parts = url.pathname.split('*');
  if (parts.length - 1 !== pathValues.length) {
    throw invalid(
      `The API destination endpoint has ${parts.length - 1} path parameter(s) (*) but the target gives ${pathValues.length} PathParameterValues.`,
    );
  }
  url.pathname = parts
    .map((part, i) => (i === 0 ? part : encodeURIComponent(pathValues[i - 1] ?? '') + part))
    .join('');
  return url;
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  if (RESERVED_HEADERS.has(name.toLowerCase())) return;
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  if (/[\r\n]/.test(name + value)) throw invalid(`Header ${name} holds a line break.`);
  headers[name] = value;
}

/** Connection body parameters join a JSON object payload as top-level members. */
function bodyWith(payload: string, credentials: ConnectionCredentials): string {
  const extra = credentials.invocation_http_parameters?.body_parameters ?? [];
  if (extra.length === 0) return payload;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return payload;
  const merged = { ...(parsed as Record<string, unknown>) };
  for (const item of extra) merged[item.key] = item.value;
  return JSON.stringify(merged);
}

export function buildApiDestinationRequest(call: {
  destination: ApiDestinationRecord;
  parameters: HttpParameters | undefined;
  credentials: ConnectionCredentials;
  authorization: { header: string; value: string } | undefined;
  payload: string;
  event: unknown;
}): BuiltRequest {
  const { destination, parameters, credentials, event } = call;
  const pathValues = (parameters?.PathParameterValues ?? []).map((value) => valueOf(value, event));
  const url = endpointUrl(destination.invocationEndpoint, pathValues);
  const query = new Map<string, string>();
  for (const [key, value] of Object.entries(parameters?.QueryStringParameters ?? {})) {
    query.set(key, valueOf(value, event));
  }
  for (const item of credentials.invocation_http_parameters?.query_string_parameters ?? []) {
    query.set(item.key, item.value);
  }
  for (const [key, value] of query) url.searchParams.set(key, value);

  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters?.HeaderParameters ?? {})) {
    setHeader(headers, key, valueOf(value, event));
  }
  for (const item of credentials.invocation_http_parameters?.header_parameters ?? []) {
    setHeader(headers, item.key, item.value);
  }
  if (call.authorization) setHeader(headers, call.authorization.header, call.authorization.value);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = DEFAULT_CONTENT_TYPE;
  }
  headers['User-Agent'] = USER_AGENT;
  headers['Range'] = 'bytes=0-1048575';
  headers['Accept-Encoding'] = 'gzip,deflate';
  headers['Connection'] = 'close';

  const method = destination.httpMethod;
  const sendsBody = method !== 'GET' && method !== 'HEAD';
  return {
    method,
    url,
    headers,
    ...(sendsBody ? { body: bodyWith(call.payload, credentials) } : {}),
  };
}
