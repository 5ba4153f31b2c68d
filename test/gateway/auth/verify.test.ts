/** Requests signed by the AWS SDK's signer verify; any change to what was signed does not. */
import { describe, expect, it } from 'vitest';
import { parseSigV4, verifySigV4 } from '../../../src/gateway/auth/index.js';
import type {
  AuthProtocol,
  SigV4Info,
  SigV4Request,
  VerifyOptions,
} from '../../../src/gateway/auth/index.js';
import { CREDENTIALS, SIGNED_AT, presign, signHeader, signString } from './signing.js';
import type { SignOptions, Unsigned } from './signing.js';

const NOW = SIGNED_AT.getTime() + 2_000;
const SECRET = CREDENTIALS.secretAccessKey;

function infoOf(req: SigV4Request): SigV4Info {
  const parsed = parseSigV4(req);
  if (parsed.kind !== 'signed') throw new Error(`expected a signed request, got ${parsed.kind}`);
  return parsed.info;
}

function verify(req: SigV4Request, nowMs = NOW, secret = SECRET, options: VerifyOptions = {}) {
  return verifySigV4(req, infoOf(req), secret, nowMs, options);
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

const signedCases: Array<{ name: string; unsigned: Unsigned; options?: SignOptions }> = [
  {
    name: 'GET with a plain query (STS)',
    unsigned: { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } },
  },
  {
    name: 'GET with query values needing encoding: spaces, ~, /, unicode, reserved',
    unsigned: {
      query: {
        'key with space': 'value with space',
        tilde: 'a~b',
        slash: 'a/b/c',
        unicode: 'ሴ日本語é',
        reserved: "!*'();:@&=+$,?#[]%",
        empty: '',
      },
    },
  },
  {
    name: 'GET with a repeated key, values out of order',
    unsigned: { query: { Filter: ['zeta', 'alpha', 'Mid'], a: '1' } },
  },
  {
    name: 'POST form body (query protocol)',
    unsigned: {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fteam%20a%2F',
    },
    options: { service: 'iam' },
  },
  {
    name: 'POST JSON body (JSON protocol)',
    unsigned: {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
      },
      body: '{"maxResults":10,"name":"日本"}',
    },
    options: { service: 'ecs', region: 'ap-northeast-1' },
  },
  {
    name: 'rest-json path with encoded labels',
    unsigned: {
      method: 'GET',
      path: '/schedules/my%20schedule%3Anight',
      query: { groupName: 'team a' },
    },
    options: { service: 'scheduler', region: 'eu-west-1' },
  },
  {
    name: 'path with dot segments and doubled slashes',
    unsigned: { path: '/a/./b//c/../d/' },
  },
  {
    name: 'without x-amz-content-sha256',
    unsigned: { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
    options: { applyChecksum: false },
  },
  {
    name: 'with a session token',
    unsigned: { query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } },
    options: { sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDOnQ+token/with=chars' },
  },
  {
    name: 'with extra headers whose values need trimming',
    unsigned: { headers: { 'x-custom': '  several   spaces\tand tab  ' } },
  },
];

describe('header-signed requests from the SDK signer', () => {
  it.each(signedCases)('$name verifies', async ({ unsigned, options }) => {
    const req = await signHeader(unsigned, options);
    const result = verify(req);
    expect(result.ok ? 'ok' : result.failure).toBe('ok');
  });

  it('a body declared UNSIGNED-PAYLOAD is not hashed', async () => {
    const req = await signHeader({
      method: 'POST',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: 'anything',
    });
    expect(verify(req).ok).toBe(true);
    expect(verify({ ...req, body: Buffer.from('anything else') }).ok).toBe(true);
  });

  it('reads the credential scope and the session token', async () => {
    const req = await signHeader(
      { query: { Action: 'GetCallerIdentity' } },
      { service: 'ecs', region: 'ap-northeast-1', sessionToken: 'tok' },
    );
    expect(infoOf(req)).toMatchObject({
      accessKeyId: CREDENTIALS.accessKeyId,
      date: '20261128',
      region: 'ap-northeast-1',
      service: 'ecs',
      scope: '20261128/ap-northeast-1/ecs/aws4_request',
      securityToken: 'tok',
      requestTime: '20261128T022000Z',
      presigned: false,
    });
  });
});

describe('presigned requests from the SDK signer', () => {
  it.each(signedCases.filter((c) => (c.unsigned.method ?? 'GET') === 'GET'))(
    '$name verifies when presigned',
    async ({ unsigned, options }) => {
      const req = await presign(unsigned, options);
      expect(infoOf(req).presigned).toBe(true);
      const result = verify(req);
      expect(result.ok ? 'ok' : result.failure).toBe('ok');
    },
  );

  it('takes the session token and expiry from the query', async () => {
    const req = await presign({}, { sessionToken: 'tok', expiresIn: 300 });
    expect(infoOf(req)).toMatchObject({ securityToken: 'tok', expiresSeconds: 300 });
  });

  it('accepts an S3-style UNSIGNED-PAYLOAD presigned URL', async () => {
    const req = await presign({ headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(req.rawQuery.toLowerCase()).toContain('x-amz-content-sha256=unsigned-payload');
    expect(verify(req).ok).toBe(true);
  });
});

function flipLastChar(text: string): string {
  const last = text.slice(-1);
  return text.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

describe('a changed byte fails with a signature mismatch', () => {
  const base: Unsigned = {
    method: 'POST',
    path: '/',
    query: { Version: '2011-06-15' },
    headers: { 'content-type': FORM },
    body: 'Action=GetCallerIdentity',
  };
  const tamperings: Array<{ name: string; change: (req: SigV4Request) => SigV4Request }> = [
    { name: 'body', change: (r) => ({ ...r, body: Buffer.from('Action=GetCallerIdentitz') }) },
    {
      name: 'signed header',
      change: (r) => ({ ...r, headers: { ...r.headers, 'content-type': `${FORM}x` } }),
    },
    { name: 'query', change: (r) => ({ ...r, rawQuery: 'Version=2011-06-16' }) },
    { name: 'added query parameter', change: (r) => ({ ...r, rawQuery: `${r.rawQuery}&a=b` }) },
    { name: 'path', change: (r) => ({ ...r, path: '/x' }) },
    { name: 'method', change: (r) => ({ ...r, method: 'PUT' }) },
    {
      name: 'host',
      change: (r) => ({ ...r, headers: { ...r.headers, host: 'localhost:4567' } }),
    },
    {
      name: 'x-amz-date (one second later)',
      change: (r) => ({ ...r, headers: { ...r.headers, 'x-amz-date': '20261128T022001Z' } }),
    },
    {
      name: 'signature',
      change: (r) => {
        const auth = r.headers['authorization'] as string;
        return { ...r, headers: { ...r.headers, authorization: flipLastChar(auth) } };
      },
    },
    {
      name: 'declared content hash (a real hash, of other bytes)',
      change: (r) => ({
        ...r,
        headers: {
          ...r.headers,
          'x-amz-content-sha256':
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
      }),
    },
  ];

  it.each(tamperings)('$name', async ({ change }) => {
    const req = change(await signHeader(base));
    const result = verify(req);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('signature-mismatch');
    expect(result.error('query').code).toBe('SignatureDoesNotMatch');
    expect(result.error('json').code).toBe('InvalidSignatureException');
    expect(result.failure.canonicalRequest).toContain('\n/');
  });

  it('wrong secret', async () => {
    const result = verify(await signHeader(base), NOW, `${SECRET}x`);
    expect(result.ok ? 'ok' : result.failure.kind).toBe('signature-mismatch');
  });

  it('a presigned query parameter', async () => {
    const req = await presign({ query: { Action: 'GetCallerIdentity' } });
    const result = verify({ ...req, rawQuery: req.rawQuery.replace('GetCaller', 'GetKaller') });
    expect(result.ok ? 'ok' : result.failure.kind).toBe('signature-mismatch');
  });

  it('the mismatch message is AWS’s', async () => {
    const result = verify(await signHeader(base), NOW, 'other');
    expect(result.ok ? '' : result.error().message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });
});

describe('the clock', () => {
  const minutes = (n: number) => n * 60_000;
  const cases: Array<{
    name: string;
    protocol: AuthProtocol;
    nowMs: number;
    code?: string;
    message?: string;
  }> = [
    { name: 'query, 14 minutes later', protocol: 'query', nowMs: NOW + minutes(14) },
    {
      name: 'query, 16 minutes later',
      protocol: 'query',
      nowMs: SIGNED_AT.getTime() + minutes(16),
      code: 'SignatureDoesNotMatch',
      message:
        'Signature expired: 20261128T022000Z is now earlier than 20261128T022100Z (20261128T023600Z - 15 min.)',
    },
    {
      name: 'query, 16 minutes earlier',
      protocol: 'query',
      nowMs: SIGNED_AT.getTime() - minutes(16),
      code: 'SignatureDoesNotMatch',
      message:
        'Signature not yet current: 20261128T022000Z is still later than 20261128T021900Z (20261128T020400Z + 15 min.)',
    },
    { name: 'json, 4 minutes later', protocol: 'json', nowMs: NOW + minutes(4) },
    {
      name: 'json, 6 minutes later',
      protocol: 'json',
      nowMs: SIGNED_AT.getTime() + minutes(6),
      code: 'InvalidSignatureException',
      message:
        'Signature expired: 20261128T022000Z is now earlier than 20261128T022100Z (20261128T022600Z - 5 min.)',
    },
    {
      name: 'ec2, 16 minutes later',
      protocol: 'ec2',
      nowMs: SIGNED_AT.getTime() + minutes(16),
      code: 'RequestExpired',
      message: 'Request has expired.',
    },
  ];

  it.each(cases)('$name', async ({ protocol, nowMs, code, message }) => {
    const result = verify(await signHeader({}), nowMs, SECRET, { protocol });
    if (code === undefined) {
      expect(result.ok ? 'ok' : result.failure).toBe('ok');
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.error();
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('a presigned URL ends at X-Amz-Expires', async () => {
    const req = await presign({}, { expiresIn: 60 });
    expect(verify(req, SIGNED_AT.getTime() + 59_000).ok).toBe(true);
    const late = verify(req, SIGNED_AT.getTime() + 61_000);
    expect(late.ok ? 'ok' : late.failure.message).toBe(
      'Signature expired: 20261128T022000Z is now earlier than 20261128T022001Z (20261128T022101Z - 1 min.)',
    );
  });

  it('a presigned URL never outlives the clock window', async () => {
    const req = await presign({}, { expiresIn: 3600 });
    const result = verify(req, SIGNED_AT.getTime() + 20 * 60_000);
    expect(result.ok ? 'ok' : result.failure.kind).toBe('request-expired');
  });

  it('the clock is checked before the signature', async () => {
    const result = verify(await signHeader({}), SIGNED_AT.getTime() + minutes(20), 'wrong');
    expect(result.ok ? 'ok' : result.failure.kind).toBe('request-expired');
  });
});

describe('scope, host and key', () => {
  it('an unknown key is reported after the clock, before the signature', async () => {
    const req = await signHeader({});
    const result = verifySigV4(req, infoOf(req), undefined, NOW, { protocol: 'json' });
    expect(result.ok ? 'ok' : result.failure.kind).toBe('unknown-access-key');
    if (result.ok) return;
    expect(result.error().code).toBe('UnrecognizedClientException');
    expect(result.error('query').code).toBe('InvalidClientTokenId');
  });

  it('Host must be signed', async () => {
    const req = await signHeader({});
    const info = { ...infoOf(req), signedHeaders: ['x-amz-content-sha256', 'x-amz-date'] };
    const result = verifySigV4(req, info, SECRET, NOW);
    expect(result.ok ? 'ok' : result.failure.message).toBe(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });

  it('the scope must match what the caller expects, and its own date and terminator', async () => {
    const req = await signHeader({}, { service: 'sts', region: 'ap-southeast-2' });
    const info = { ...infoOf(req), date: '20261127', terminator: 'aws5_request' };
    const result = verifySigV4(req, info, SECRET, NOW, {
      expectedRegion: 'us-east-1',
      expectedService: 'iam',
    });
    expect(result.ok ? 'ok' : result.failure.message).toBe(
      "Credential should be scoped to a valid region, not 'ap-southeast-2'. " +
        "Credential should be scoped to correct service: 'iam'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261127' != '20261128', from '20261128T022000Z'. ",
    );
  });
});

describe('requests timed by a Date header (botocore given one)', () => {
  it('verifies against the ISO form of the HTTP-date', async () => {
    const canonical = [
      'GET',
      '/',
      'Action=GetCallerIdentity&Version=2011-06-15',
      'date:Sat, 28 Nov 2026 02:20:00 GMT',
      'host:localhost:4566',
      '',
      'date;host',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n');
    const { createHash } = await import('node:crypto');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      '20261128T022000Z',
      '20261128/us-east-1/sts/aws4_request',
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    const signature = await signString(stringToSign);
    const req: SigV4Request = {
      method: 'GET',
      path: '/',
      rawQuery: 'Version=2011-06-15&Action=GetCallerIdentity',
      headers: {
        host: 'localhost:4566',
        date: 'Sat, 28 Nov 2026 02:20:00 GMT',
        authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20261128/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=${signature}`,
      },
      body: Buffer.alloc(0),
    };
    expect(infoOf(req).requestTime).toBe('20261128T022000Z');
    expect(verify(req).ok).toBe(true);
    expect(verify(req, NOW, 'other').ok).toBe(false);
  });
});

describe('headers sent more than once', () => {
  it('are signed joined with commas, in the order sent', async () => {
    const req = await signHeader({ headers: { 'x-multi': 'one,two' } });
    expect(verify({ ...req, headers: { ...req.headers, 'x-multi': ['one', 'two'] } }).ok).toBe(
      true,
    );
    expect(verify({ ...req, headers: { ...req.headers, 'x-multi': ['two', 'one'] } }).ok).toBe(
      false,
    );
  });
});
