/**
 * Verifies a parsed SigV4 signature as AWS does, in AWS's order: the clock, the signed
 * Host, the credential scope, the access key, then the signature itself. The session
 * token (known, unexpired) is the caller's to check after a success.
 */
import type { ServiceError } from '../../services/error.js';
import {
  UNSIGNED_PAYLOAD,
  buildCanonicalRequest,
  buildStringToSign,
  percentDecode,
  splitQuery,
} from './canonical.js';
import { SIGNATURE_MISMATCH_MESSAGE, authErrors } from './errors.js';
import { AUTH_RULES } from './rules.js';
import { sha256Hex, signatureHex, signingKey } from './signing.js';
import { formatBasicIso8601 } from './time.js';
import type { AuthFailure, AuthProtocol, SigV4Info, SigV4Request } from './types.js';

export interface VerifyOptions {
  /** Chooses the clock window (15 minutes for query and EC2, 5 for the JSON families). */
  protocol?: AuthProtocol;
  /** Overrides the protocol's clock window. */
  maxSkewMs?: number;
  /** When given, the credential scope must name this service. */
  expectedService?: string;
  /** When given, the credential scope must name this region. */
  expectedRegion?: string;
}

export type VerifyResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly failure: AuthFailure;
      /** The error to answer with; the protocol defaults to the one verified for. */
      error(protocol?: AuthProtocol): ServiceError;
    };

function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} sec`;
}

function checkClock(info: SigV4Info, nowMs: number, maxSkewMs: number): AuthFailure | undefined {
  // A presigned URL also ends at X-Amz-Expires, when that comes before the clock window.
  const backward =
    info.presigned && info.expiresSeconds !== undefined
      ? Math.min(maxSkewMs, info.expiresSeconds * 1000)
      : maxSkewMs;
  if (info.requestTimeMs < nowMs - backward) {
    return {
      kind: 'request-expired',
      message: `Signature expired: ${info.requestTime} is now earlier than ${formatBasicIso8601(nowMs - backward)} (${formatBasicIso8601(nowMs)} - ${duration(backward)}.)`,
    };
  }
  if (info.requestTimeMs > nowMs + maxSkewMs) {
    return {
      kind: 'request-not-yet-valid',
      message: `Signature not yet current: ${info.requestTime} is still later than ${formatBasicIso8601(nowMs + maxSkewMs)} (${formatBasicIso8601(nowMs)} + ${duration(maxSkewMs)}.)`,
    };
  }
  return undefined;
}

function checkScope(info: SigV4Info, options: VerifyOptions): AuthFailure | undefined {
  let message = '';
  if (options.expectedRegion !== undefined && info.region !== options.expectedRegion)
    message += `Credential should be scoped to a valid region, not '${info.region}'. `;
  if (options.expectedService !== undefined && info.service !== options.expectedService)
    message += `Credential should be scoped to correct service: '${options.expectedService}'. `;
  if (info.terminator !== 'aws4_request')
    message += `Credential should be scoped with a valid terminator: 'aws4_request', not '${info.terminator}'. `;
  const day = info.requestTime.slice(0, 8);
  if (info.date !== day)
    message += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${info.date}' != '${day}', from '${info.requestTime}'. `;
  return message === '' ? undefined : { kind: 'credential-scope', message };
}

function declaredPayloadHash(req: SigV4Request): string | undefined {
  const header = req.headers['x-amz-content-sha256'];
  if (typeof header === 'string') return header;
  if (header !== undefined) return header[0];
  for (const { rawKey, rawValue } of splitQuery(req.rawQuery)) {
    // Presigners hoist the header into the query under whatever spelling it had.
    if (percentDecode(rawKey).toLowerCase() === 'x-amz-content-sha256')
      return percentDecode(rawValue);
  }
  return undefined;
}

/**
 * The payload hashes the client may have signed. Services other than S3 hash the body
 * they received, so a declared `x-amz-content-sha256` only matters as UNSIGNED-PAYLOAD; a
 * presigned URL is signed over the body (empty) by the SDKs, over UNSIGNED-PAYLOAD by
 * S3-style presigners, so both are tried.
 */
function payloadHashes(req: SigV4Request, info: SigV4Info): string[] {
  if (declaredPayloadHash(req) === UNSIGNED_PAYLOAD) return [UNSIGNED_PAYLOAD];
  const actual = sha256Hex(req.body);
  return info.presigned ? [actual, UNSIGNED_PAYLOAD] : [actual];
}

/**
 * Compares in time that depends on the length alone (public: 64 hex digits), never on
 * where the first difference is; without the two buffers timingSafeEqual would need.
 */
function sameSignature(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++)
    difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}

function checkSignature(
  req: SigV4Request,
  info: SigV4Info,
  secretAccessKey: string,
): AuthFailure | undefined {
  const key = signingKey(secretAccessKey, info.date, info.region, info.service);
  const exclude = info.presigned ? 'X-Amz-Signature' : undefined;
  let first: { canonicalRequest: string; stringToSign: string } | undefined;
  for (const payloadHash of payloadHashes(req, info)) {
    const canonicalRequest = buildCanonicalRequest(
      req,
      info.signedHeaders,
      payloadHash,
      exclude,
      info.signedHeadersLine,
    );
    const stringToSign = buildStringToSign(info.requestTime, info.scope, canonicalRequest);
    if (sameSignature(signatureHex(key, stringToSign), info.signature)) return undefined;
    first ??= { canonicalRequest, stringToSign };
  }
  return { kind: 'signature-mismatch', message: SIGNATURE_MISMATCH_MESSAGE, ...first };
}

/**
 * Checks `info` (from parseSigV4) against the request and the secret of its access key,
 * at `nowMs` on the wall clock (clients sign with theirs, not with a virtual clock).
 * `secretAccessKey` undefined means the key is unknown, reported after the clock and
 * scope checks, where AWS reports it.
 */
export function verifySigV4(
  req: SigV4Request,
  info: SigV4Info,
  secretAccessKey: string | undefined,
  nowMs: number,
  options: VerifyOptions = {},
): VerifyResult {
  const protocol = options.protocol ?? 'query';
  const maxSkewMs = options.maxSkewMs ?? AUTH_RULES[protocol].maxSkewMs;
  const hostSigned =
    info.signedHeaders.includes('host') || info.signedHeaders.includes(':authority');
  const failure =
    checkClock(info, nowMs, maxSkewMs) ??
    (hostSigned
      ? undefined
      : ({
          kind: 'host-not-signed',
          message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        } satisfies AuthFailure)) ??
    checkScope(info, options) ??
    (secretAccessKey === undefined
      ? ({
          kind: 'unknown-access-key',
          message: 'The security token included in the request is invalid.',
        } satisfies AuthFailure)
      : checkSignature(req, info, secretAccessKey));
  if (failure === undefined) return { ok: true };
  return {
    ok: false,
    failure,
    error: (errorProtocol = protocol) => authErrors(errorProtocol).failure(failure),
  };
}
