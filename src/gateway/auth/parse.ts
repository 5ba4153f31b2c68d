/**
 * Reads a request's SigV4 signature, from the Authorization header or from a presigned
 * query string, with AWS's IncompleteSignature messages for what is missing or malformed.
 * Nothing is verified here; routing uses the credential scope even where auth is open.
 */
import { ALGORITHM, percentDecode, splitQuery } from './canonical.js';
import { formatBasicIso8601, parseBasicIso8601, parseDateHeader } from './time.js';
import type {
  CredentialScope,
  SigV4Info,
  SigV4Malformed,
  SigV4ParseResult,
  SigV4Request,
} from './types.js';

const MAX_EXPIRES_SECONDS = 604800;

function headerValue(req: SigV4Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

function incomplete(message: string, credential?: CredentialScope): SigV4Malformed {
  return { kind: 'malformed', reason: 'incomplete', message, credential };
}

/** `text` without its trailing slashes; a loop, as this runs for every signed request. */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * `keyid/date/region/service/term`. AWS ignores trailing slashes, so `…/aws4_request/`
 * passes; anything else but five elements is refused.
 */
export function parseCredential(credential: string): CredentialScope | undefined {
  const parts = withoutTrailingSlashes(credential).split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { accessKeyId, date, region, service, terminator };
}

function credentialError(credential: string): string {
  return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`;
}

function dateError(value: string): string {
  return `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`;
}

/**
 * The signed header names, lower-cased and sorted, and the canonical request's line of
 * them. Every SDK already sends them that way, so that is checked first and the value
 * kept as the line; anything else is put in order (and joined) here.
 */
function signedHeaderList(value: string): { names: string[]; line: string } {
  const names = value.split(';');
  // Strictly ascending: no repeats, and only the first name could be empty.
  let canonical = names[0] !== '' && value === value.toLowerCase();
  for (let i = 1; i < names.length && canonical; i++) canonical = names[i - 1]! < names[i]!;
  if (canonical) return { names, line: value };
  const sorted = names
    .filter((name) => name !== '')
    .map((name) => name.toLowerCase())
    .sort();
  return { names: sorted, line: sorted.join(';') };
}

interface Fields {
  credential: string;
  signature: string;
  signedHeaders: string;
  date: { value: string; ms: number | undefined };
  securityToken: string | undefined;
  presigned: boolean;
  expiresSeconds: number | undefined;
}

function finish(fields: Fields): SigV4ParseResult {
  const scope = parseCredential(fields.credential);
  if (fields.date.ms === undefined) return incomplete(dateError(fields.date.value), scope);
  if (!scope) return incomplete(credentialError(fields.credential));
  const signedHeaders = signedHeaderList(fields.signedHeaders);
  // Spelled out, not spread: a spread followed by more fields leaves V8 a slow
  // dictionary-mode object, which cost several microseconds for every signed request.
  const info: SigV4Info = {
    accessKeyId: scope.accessKeyId,
    date: scope.date,
    region: scope.region,
    service: scope.service,
    terminator: scope.terminator,
    scope: withoutTrailingSlashes(fields.credential.slice(scope.accessKeyId.length + 1)),
    signedHeaders: signedHeaders.names,
    signedHeadersLine: signedHeaders.line,
    signature: fields.signature,
    securityToken: fields.securityToken,
    // A date that parsed and is 16 characters long was sent in the basic form, exactly as
    // formatting would write it back (the parser accepts only instants that round-trip).
    requestTime:
      fields.date.value.length === 16 ? fields.date.value : formatBasicIso8601(fields.date.ms),
    requestTimeMs: fields.date.ms,
    presigned: fields.presigned,
    expiresSeconds: fields.expiresSeconds,
  };
  return { kind: 'signed', info };
}

interface HeaderParams {
  credential?: string;
  signature?: string;
  signedHeaders?: string;
  /** The first token without an equal sign, which makes the header malformed. */
  bare?: string;
}

/**
 * The `key=value` parameters after the algorithm. AWS splits them on commas and on
 * whitespace alike: `Credential= AKID/…` is the pair `Credential=` followed by the bare
 * word `AKID/…`. A later repeat of a name wins.
 */
function headerParams(text: string): HeaderParams {
  const params: HeaderParams = {};
  for (const token of text.split(/[\s,]+/)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) return { bare: token };
    const name = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (name === 'Credential') params.credential = value;
    else if (name === 'Signature') params.signature = value;
    else if (name === 'SignedHeaders') params.signedHeaders = value;
  }
  return params;
}

function fromHeader(req: SigV4Request, header: string): SigV4ParseResult {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return {
      kind: 'malformed',
      reason: 'unsupported-algorithm',
      message: `Unsupported AWS 'algorithm': '${algorithm}'.`,
      algorithm,
    };
  }

  const { credential, signature, signedHeaders, bare } = headerParams(
    space < 0 ? '' : trimmed.slice(space),
  );
  if (bare !== undefined) {
    return incomplete(
      `'${bare}' not a valid key=value pair (missing equal-sign) in Authorization header: '${trimmed}'.`,
    );
  }
  const amzDate = headerValue(req, 'x-amz-date');
  const date = amzDate ?? headerValue(req, 'date');
  const missing: string[] = [];
  if (credential === undefined)
    missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined)
    missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (date === undefined)
    missing.push(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  if (
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    const scope = credential === undefined ? undefined : parseCredential(credential);
    return incomplete(`${missing.join(' ')} Authorization=${trimmed}`, scope);
  }

  return finish({
    credential,
    signature,
    signedHeaders,
    date: {
      value: date,
      ms: amzDate !== undefined ? parseBasicIso8601(date) : parseDateHeader(date),
    },
    securityToken: headerValue(req, 'x-amz-security-token'),
    presigned: false,
    expiresSeconds: undefined,
  });
}

function fromQuery(query: Map<string, string>): SigV4ParseResult {
  const credential = query.get('X-Amz-Credential');
  const signature = query.get('X-Amz-Signature');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const date = query.get('X-Amz-Date');
  const missing: string[] = [];
  if (credential === undefined)
    missing.push("AWS query-string parameters must include 'X-Amz-Credential'.");
  if (signature === undefined)
    missing.push("AWS query-string parameters must include 'X-Amz-Signature'.");
  if (signedHeaders === undefined)
    missing.push("AWS query-string parameters must include 'X-Amz-SignedHeaders'.");
  if (date === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Date'.");
  if (
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    const scope = credential === undefined ? undefined : parseCredential(credential);
    return incomplete(`${missing.join(' ')} Re-examine the query-string parameters.`, scope);
  }

  let expiresSeconds: number | undefined;
  const expires = query.get('X-Amz-Expires');
  if (expires !== undefined) {
    const scope = parseCredential(credential);
    // S3's wording: the other services document no limit of their own.
    if (!/^-?\d+$/.test(expires)) return incomplete('X-Amz-Expires should be a number', scope);
    expiresSeconds = Number(expires);
    if (expiresSeconds < 0) return incomplete('X-Amz-Expires must be non-negative', scope);
    if (expiresSeconds > MAX_EXPIRES_SECONDS)
      return incomplete(
        `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES_SECONDS}`,
        scope,
      );
  }

  return finish({
    credential,
    signature,
    signedHeaders,
    date: { value: date, ms: parseBasicIso8601(date) },
    securityToken: query.get('X-Amz-Security-Token'),
    presigned: true,
    expiresSeconds,
  });
}

/** The SigV4 parameters of a query string, decoded; the first of a repeated name wins. */
function sigV4QueryParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  if (!rawQuery.includes('X-Amz-')) return params;
  for (const { rawKey, rawValue } of splitQuery(rawQuery)) {
    const key = percentDecode(rawKey);
    if (key.startsWith('X-Amz-') && !params.has(key)) params.set(key, percentDecode(rawValue));
  }
  return params;
}

/**
 * The request's SigV4 signature: absent, well-formed (`signed`, not yet verified), or
 * malformed with AWS's message. A presigned query counts only with
 * `X-Amz-Algorithm=AWS4-HMAC-SHA256`, as AWS treats any other value as no signature.
 */
export function parseSigV4(req: SigV4Request): SigV4ParseResult {
  const header = headerValue(req, 'authorization');
  const query = sigV4QueryParams(req.rawQuery);
  const queryAlgorithm = query.get('X-Amz-Algorithm');
  // Only an AWS4 scheme is a (possibly bad) SigV4 attempt; `Bearer …` or SigV2 is not.
  const headerSigns = header !== undefined && /^\s*AWS4-/.test(header);
  if (headerSigns && queryAlgorithm !== undefined) {
    return {
      kind: 'malformed',
      reason: 'ambiguous',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  if (headerSigns) return fromHeader(req, header);
  if (queryAlgorithm === ALGORITHM) return fromQuery(query);
  return { kind: 'absent' };
}

const parsedRequests = new WeakMap<SigV4Request, SigV4ParseResult>();

/**
 * parseSigV4, once per request: routing a form request reads its credential scope, and
 * authentication, the admin guard and routing would each parse the same header again.
 */
export function sigV4Of(req: SigV4Request): SigV4ParseResult {
  let parsed = parsedRequests.get(req);
  if (parsed === undefined) {
    parsed = parseSigV4(req);
    parsedRequests.set(req, parsed);
  }
  return parsed;
}

/** The credential scope's service name, for routing; undefined when none can be read. */
export function credentialScopeService(req: SigV4Request): string | undefined {
  const parsed = sigV4Of(req);
  if (parsed.kind === 'signed') return parsed.info.service;
  if (parsed.kind === 'malformed') return parsed.credential?.service;
  return undefined;
}
