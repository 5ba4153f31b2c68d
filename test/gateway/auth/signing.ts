/**
 * Requests signed by the AWS SDK's own signer (@smithy/signature-v4), turned into the
 * form the gateway hands to parseSigV4/verifySigV4.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SigV4Request } from '../../../src/gateway/auth/index.js';

export const SIGNED_AT = new Date('2026-11-28T02:20:00Z');
export const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export interface Unsigned {
  method?: string;
  /** As it goes on the wire: already percent-encoded, as the SDK's serializers leave it. */
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}

export interface SignOptions {
  service?: string;
  region?: string;
  sessionToken?: string;
  /** Whether the signer adds `x-amz-content-sha256` (the SDK clients do). */
  applyChecksum?: boolean;
  signingDate?: Date;
}

/** The SDK's query serialization: RFC 3986, `!'()*` escaped too. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function buildQuery(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      parts.push(`${escapeUri(key)}=${escapeUri(one)}`);
    }
  }
  return parts.join('&');
}

function signer(options: SignOptions): SignatureV4 {
  return new SignatureV4({
    service: options.service ?? 'sts',
    region: options.region ?? 'us-east-1',
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? true,
    credentials: { ...CREDENTIALS, sessionToken: options.sessionToken },
  });
}

function smithyRequest(unsigned: Unsigned) {
  return {
    method: unsigned.method ?? 'GET',
    protocol: 'https:',
    hostname: 'localhost',
    port: 4566,
    path: unsigned.path ?? '/',
    query: unsigned.query ?? {},
    headers: { host: 'localhost:4566', ...unsigned.headers },
    body: unsigned.body,
  };
}

function toGatewayRequest(signed: {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return {
    method: signed.method,
    path: signed.path,
    rawQuery: buildQuery(signed.query ?? {}),
    headers,
    body: Buffer.from(typeof signed.body === 'string' ? signed.body : ''),
  };
}

export async function signHeader(unsigned: Unsigned, options: SignOptions = {}) {
  const signed = await signer(options).sign(smithyRequest(unsigned), {
    signingDate: options.signingDate ?? SIGNED_AT,
  });
  return toGatewayRequest(signed);
}

export async function presign(
  unsigned: Unsigned,
  options: SignOptions & { expiresIn?: number } = {},
) {
  const signed = await signer(options).presign(smithyRequest(unsigned), {
    signingDate: options.signingDate ?? SIGNED_AT,
    expiresIn: options.expiresIn ?? 900,
  });
  return toGatewayRequest(signed);
}

/** Signs a string to sign the SDK's way: the HMAC chain from the secret. */
export async function signString(
  stringToSign: string,
  options: SignOptions & { secretAccessKey?: string } = {},
): Promise<string> {
  const s = new SignatureV4({
    service: options.service ?? 'sts',
    region: options.region ?? 'us-east-1',
    sha256: Sha256,
    credentials: {
      accessKeyId: CREDENTIALS.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? CREDENTIALS.secretAccessKey,
    },
  });
  return s.sign(stringToSign, { signingDate: options.signingDate ?? SIGNED_AT });
}
