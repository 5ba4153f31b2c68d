/**
 * The adversarial corpus, kept as data in `corpus/*.json`: each entry is a request (after
 * optional set-up requests) and the answer AWS gives it. Long inputs are written as
 * templates so the files stay readable:
 *
 *   {"$repeat": "1", "times": 40}                        → "1111…" (40)
 *   {"$join": ["%", {"$repeat": "\\d*", "times": 9}, "x%"]} → one string
 *   {"$list": "x", "times": 3}                           → ["x", "x", "x"]
 *   {"$pairs": {"key": "Filter.{i}.Name", "value": "vpc-id", "times": 30000}}
 *                                                        → [["Filter.1.Name", "vpc-id"], …]
 *   {"$concat": [[["Filter.1.Name", "vpc-id"]], {"$pairs": …}]} → the lists, one after another
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceSchemas, type ServiceName } from '../../src/gateway/generated/index.js';
import type { Exchange, RawRequest } from './http.js';
import type { Value } from './values.js';
import { authorization, encodeRequest, formBody, type Caller } from './wire.js';

export type Template = unknown;

export type CorpusRequest =
  | { aws: { service: ServiceName; operation: string; input: Template } }
  | { form: { service: ServiceName; operation: string; params: Template } }
  | { admin: { method: string; path: string; body?: Template; bodyText?: Template } }
  | { raw: { method: string; path: string; headers?: Record<string, string>; body?: Template } };

export interface CorpusEntry {
  name: string;
  /** Where the input comes from: the issue, a ReDoS paper, AWS's documentation. */
  source: string;
  steps?: CorpusRequest[];
  request: CorpusRequest;
  expect: {
    status: number;
    code?: string;
    message?: string;
    messageIncludes?: string;
    /** Members the JSON answer must have, compared deeply. */
    json?: Record<string, unknown>;
  };
  /** The answer must come within this (default 2,000 ms). */
  maxMs?: number;
}

const CALLER: Caller = { accessKeyId: 'test', region: 'us-east-1' };
const DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

export function loadCorpus(): Array<{ file: string; entry: CorpusEntry }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CorpusEntry[]).map((entry) => ({
        file,
        entry,
      })),
    );
}

export function expand(template: Template): unknown {
  if (Array.isArray(template)) return template.map(expand);
  if (template === null || typeof template !== 'object') return template;
  const t = template as Record<string, unknown>;
  if ('$repeat' in t) return String(expand(t.$repeat)).repeat(Number(t.times));
  if ('$join' in t) return (t.$join as Template[]).map((p) => String(expand(p))).join('');
  if ('$list' in t) return Array.from({ length: Number(t.times) }, () => expand(t.$list));
  if ('$concat' in t) return (t.$concat as Template[]).flatMap((part) => expand(part) as unknown[]);
  if ('$pairs' in t) {
    const spec = t.$pairs as { key: string; value: string; times: number };
    return Array.from({ length: spec.times }, (_, i) => [
      spec.key.replaceAll('{i}', String(i + 1)),
      spec.value.replaceAll('{i}', String(i + 1)),
    ]);
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, expand(v)]));
}

export function toRawRequest(request: CorpusRequest): RawRequest {
  if ('aws' in request) {
    const schema = serviceSchemas[request.aws.service];
    const input = expand(request.aws.input) as { [key: string]: Value };
    return encodeRequest(schema, request.aws.operation, input, CALLER);
  }
  if ('form' in request) {
    const schema = serviceSchemas[request.form.service];
    const params = expand(request.form.params) as Array<[string, string]>;
    return {
      method: 'POST',
      path: '/',
      headers: {
        authorization: authorization(CALLER, schema.signingName),
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body: formBody([
        ['Action', request.form.operation],
        ['Version', schema.apiVersion],
        ...params,
      ]),
    };
  }
  if ('admin' in request) {
    const { method, path, body, bodyText } = request.admin;
    const text =
      bodyText !== undefined
        ? String(expand(bodyText))
        : body === undefined
          ? ''
          : JSON.stringify(expand(body));
    return {
      method,
      path,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(text, 'utf8'),
    };
  }
  const { method, path, headers = {}, body } = request.raw;
  return {
    method,
    path,
    headers,
    body: Buffer.from(body === undefined ? '' : String(expand(body)), 'utf8'),
  };
}

/** The error code and message an answer carries, whatever its protocol. */
export function errorOf(answer: Exchange): { code?: string; message?: string } {
  const text = answer.body.toString('utf8');
  const header = answer.headers['x-amzn-errortype'];
  const xmlCode = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (xmlCode !== undefined) return { code: xmlCode, message: unescapeXml(xmlMessage ?? '') };
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const named = [parsed.__type, parsed.error, parsed.code].find((v) => typeof v === 'string');
    const code = typeof header === 'string' ? header.split(':')[0] : named;
    const message = parsed.message ?? parsed.Message;
    return { code, ...(typeof message === 'string' ? { message } : {}) };
  } catch {
    return typeof header === 'string' ? { code: header.split(':')[0] } : {};
  }
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}
