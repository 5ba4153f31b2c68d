/**
 * The SigV4 canonical request and string to sign, computed from the request as it arrived
 * (AWS's "Create a canonical request" for services other than S3).
 */
import { sha256Hex } from './signing.js';
import type { SigV4Request } from './types.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const HEX = '0123456789ABCDEF';

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

/** RFC 3986 encoding as SigV4 wants it: every byte but the unreserved, upper-case hex. */
export function uriEncodeBytes(bytes: Uint8Array, keepSlash = false): string {
  let out = '';
  for (const byte of bytes) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Percent-decodes to bytes, not to a string: the canonical form re-encodes those bytes,
 * so a sequence that is not valid UTF-8 survives unchanged. `+` stays `+` (SigV4 is not
 * form encoding) and a `%` not followed by two hex digits stays a literal `%`.
 */
export function percentDecodeBytes(text: string): Buffer {
  const raw = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length) {
      const high = hexValue(raw[i + 1] ?? -1);
      const low = hexValue(raw[i + 2] ?? -1);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        continue;
      }
    }
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

export function percentDecode(text: string): string {
  return percentDecodeBytes(text).toString('utf8');
}

/**
 * The canonical URI of a non-S3 service: the path as sent with `.`, `..` and empty
 * segments removed, then URI-encoded once more. The path on the wire is already encoded,
 * so a space travels as `%20` and is signed as `%2520`, exactly as the SDKs sign it.
 */
export function canonicalPath(path: string): string {
  // The JSON and query protocols always post to `/`.
  if (path === '' || path === '/') return '/';
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncodeBytes(Buffer.from(`${leading}${segments.join('/')}${trailing}`, 'utf8'), true);
}

/** One query parameter as sent, both halves still encoded. */
export interface RawQueryParam {
  readonly rawKey: string;
  readonly rawValue: string;
}

export function splitQuery(rawQuery: string): RawQueryParam[] {
  const params: RawQueryParam[] = [];
  if (rawQuery === '') return params;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    params.push(
      eq < 0
        ? { rawKey: part, rawValue: '' }
        : { rawKey: part.slice(0, eq), rawValue: part.slice(eq + 1) },
    );
  }
  return params;
}

/**
 * Decoded, re-encoded, sorted by key then value. `exclude` names a parameter (decoded)
 * left out: the signature itself, in a presigned URL.
 */
export function canonicalQuery(rawQuery: string, exclude?: string): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const { rawKey, rawValue } of splitQuery(rawQuery)) {
    const key = percentDecodeBytes(rawKey);
    if (exclude !== undefined && key.toString('utf8') === exclude) continue;
    pairs.push([uriEncodeBytes(key), uriEncodeBytes(percentDecodeBytes(rawValue))]);
  }
  // Encoded forms are ASCII, so code-unit order is byte order.
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * Whether the canonical form would change the value: a line break, a tab, two spaces in a
 * row, a space at either end. A loop, as this runs for every signed header of every request
 * and cost a third of a regular expression's test.
 */
function needsNormalizing(value: string): boolean {
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x20) {
      if (i === 0 || i === last || value.charCodeAt(i + 1) === 0x20) return true;
    } else if (code === 0x0d || code === 0x0a || code === 0x09) {
      return true;
    }
  }
  return false;
}

function canonicalHeaderValue(value: string): string {
  // Most values are already canonical; the replacements below cost more than this test.
  if (!needsNormalizing(value)) return value;
  // Folded lines count as spaces; runs of spaces become one; the ends are trimmed.
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** `name:value\n` for each signed header present, in the order of `signedHeaders`. */
export function canonicalHeaders(req: SigV4Request, signedHeaders: readonly string[]): string {
  let out = '';
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) continue;
    const canonical =
      typeof value === 'string'
        ? canonicalHeaderValue(value)
        : value.map(canonicalHeaderValue).join(',');
    out += `${name}:${canonical}\n`;
  }
  return out;
}

export function buildCanonicalRequest(
  req: SigV4Request,
  signedHeaders: readonly string[],
  payloadHash: string,
  excludeQueryParam?: string,
  signedHeadersLine: string = signedHeaders.join(';'),
): string {
  // Concatenated, not joined from an array: Array.prototype.join cost more than the pieces.
  return `${req.method}\n${canonicalPath(req.path)}\n${canonicalQuery(req.rawQuery, excludeQueryParam)}\n${canonicalHeaders(req, signedHeaders)}\n${signedHeadersLine}\n${payloadHash}`;
}

export function buildStringToSign(requestTime: string, scope: string, canonicalRequest: string) {
  return `${ALGORITHM}\n${requestTime}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
