/** Reading a signature: what is absent, what is malformed and AWS's words for it. */
import { describe, expect, it } from 'vitest';
import {
  authErrors,
  credentialScopeService,
  parseSigV4,
  sigV4Of,
} from '../../../src/gateway/auth/index.js';
import type { SigV4Request } from '../../../src/gateway/auth/index.js';

function request(headers: Record<string, string>, rawQuery = ''): SigV4Request {
  return {
    method: 'GET',
    path: '/',
    rawQuery,
    headers: { host: 'localhost:4566', ...headers },
    body: Buffer.alloc(0),
  };
}

const DATE = { 'x-amz-date': '20261128T022000Z' };
const CRED = 'AKIDEXAMPLE/20261128/us-east-1/sts/aws4_request';
const SIG = 'a'.repeat(64);

describe('no SigV4 at all', () => {
  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'no Authorization header', headers: {} },
    { name: 'an empty Authorization header', headers: { authorization: '  ' } },
    { name: 'a Bearer token', headers: { authorization: 'Bearer abc.def' } },
    { name: 'SigV2', headers: { authorization: 'AWS AKIDEXAMPLE:c2lnbmF0dXJl' } },
  ])('$name', ({ headers }) => {
    expect(parseSigV4(request(headers))).toEqual({ kind: 'absent' });
  });

  it('a presigned query naming another algorithm', () => {
    expect(parseSigV4(request({}, 'X-Amz-Algorithm=AWS4-HMAC-SHA512&X-Amz-Credential=x'))).toEqual({
      kind: 'absent',
    });
  });
});

describe('malformed Authorization headers', () => {
  const cases: Array<{ name: string; headers: Record<string, string>; message: string }> = [
    {
      name: 'the algorithm alone',
      headers: { ...DATE, authorization: 'AWS4-HMAC-SHA256' },
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
    },
    {
      // SES's answer to exactly this header.
      name: 'a credential and nothing else',
      headers: { ...DATE, authorization: 'AWS4-HMAC-SHA256 Credential=ABCDEF' },
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF",
    },
    {
      name: 'no date header',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
      },
      message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
    },
    {
      // STS's answer to a key pasted with a leading space.
      name: 'a space after Credential=',
      headers: {
        ...DATE,
        authorization:
          'AWS4-HMAC-SHA256 Credential= AKIA3E3TXYEALSHHLVWT/20200122/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=cbeed485aed23c03ded6f1ffdefda822d8e22f92ced62d2854947378da569a8e',
      },
      message:
        "'AKIA3E3TXYEALSHHLVWT/20200122/us-east-1/sts/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= AKIA3E3TXYEALSHHLVWT/20200122/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=cbeed485aed23c03ded6f1ffdefda822d8e22f92ced62d2854947378da569a8e'.",
    },
    {
      name: 'a credential of four elements',
      headers: {
        ...DATE,
        authorization: `AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=${SIG}`,
      },
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
    },
    {
      name: 'a date not in basic ISO 8601',
      headers: {
        'x-amz-date': '2026-11-28T02:20:00Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
      },
      message:
        "Date must be in ISO-8601 'basic format'. Got '2026-11-28T02:20:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    },
    {
      name: 'an impossible date',
      headers: {
        'x-amz-date': '20260231T022000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
      },
      message:
        "Date must be in ISO-8601 'basic format'. Got '20260231T022000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    },
  ];

  it.each(cases)('$name', ({ headers, message }) => {
    const parsed = parseSigV4(request(headers));
    expect(parsed).toMatchObject({ kind: 'malformed', reason: 'incomplete', message });
  });

  it('an unsupported AWS4 algorithm, worded per family', () => {
    const parsed = parseSigV4(
      request({ ...DATE, authorization: `AWS4-HMAC-SHA512 Credential=${CRED}` }),
    );
    expect(parsed).toMatchObject({ kind: 'malformed', reason: 'unsupported-algorithm' });
    if (parsed.kind !== 'malformed') return;
    const query = authErrors('query').malformed(parsed);
    expect([query.code, query.status, query.message]).toEqual([
      'IncompleteSignature',
      400,
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
    ]);
    const json = authErrors('json').malformed(parsed);
    expect([json.code, json.status, json.message]).toEqual([
      'IncompleteSignatureException',
      400,
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
    ]);
  });

  it('signed both in the header and in the query', () => {
    const parsed = parseSigV4(
      request(
        { ...DATE, authorization: `AWS4-HMAC-SHA256 Credential=${CRED}` },
        'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      ),
    );
    expect(parsed).toMatchObject({ kind: 'malformed', reason: 'ambiguous' });
    if (parsed.kind !== 'malformed') return;
    expect(authErrors('query').malformed(parsed).code).toBe('SignatureDoesNotMatch');
  });

  it('keeps the credential scope of a malformed header, for routing', () => {
    const req = request({ authorization: `AWS4-HMAC-SHA256 Credential=${CRED}` });
    expect(parseSigV4(req)).toMatchObject({ credential: { service: 'sts', region: 'us-east-1' } });
    expect(credentialScopeService(req)).toBe('sts');
  });
});

describe('malformed presigned queries', () => {
  const base = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': CRED,
    'X-Amz-Date': '20261128T022000Z',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': SIG,
  };
  const query = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');

  it.each([
    {
      name: 'only the algorithm',
      params: { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
      message:
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    },
    {
      name: 'no signature',
      params: { ...base, 'X-Amz-Signature': undefined },
      message:
        "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
    },
    {
      name: 'X-Amz-Expires not a number',
      params: { ...base, 'X-Amz-Expires': 'soon' },
      message: 'X-Amz-Expires should be a number',
    },
    {
      name: 'X-Amz-Expires negative',
      params: { ...base, 'X-Amz-Expires': '-1' },
      message: 'X-Amz-Expires must be non-negative',
    },
    {
      name: 'X-Amz-Expires over a week',
      params: { ...base, 'X-Amz-Expires': '604801' },
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    },
  ])('$name', ({ params, message }) => {
    const defined = Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    );
    expect(parseSigV4(request({}, query(defined)))).toMatchObject({ kind: 'malformed', message });
  });

  it('a well-formed presigned query', () => {
    const parsed = parseSigV4(request({}, query({ ...base, 'X-Amz-Expires': '60' })));
    expect(parsed).toMatchObject({
      kind: 'signed',
      info: { presigned: true, expiresSeconds: 60, service: 'sts', signedHeaders: ['host'] },
    });
  });
});

describe('well-formed headers', () => {
  it('reads every part, the last value of a repeated parameter winning', () => {
    const parsed = parseSigV4(
      request({
        ...DATE,
        'x-amz-security-token': 'tok',
        authorization: `  AWS4-HMAC-SHA256 Credential=x/y,Credential=${CRED},SignedHeaders=x-amz-date;Host,Signature=${SIG}  `,
      }),
    );
    expect(parsed).toEqual({
      kind: 'signed',
      info: {
        accessKeyId: 'AKIDEXAMPLE',
        date: '20261128',
        region: 'us-east-1',
        service: 'sts',
        terminator: 'aws4_request',
        scope: '20261128/us-east-1/sts/aws4_request',
        signedHeaders: ['host', 'x-amz-date'],
        signedHeadersLine: 'host;x-amz-date',
        signature: SIG,
        securityToken: 'tok',
        requestTime: '20261128T022000Z',
        requestTimeMs: Date.parse('2026-11-28T02:20:00Z'),
        presigned: false,
        expiresSeconds: undefined,
      },
    });
  });

  it.each([
    ['lower-cased and sorted, as the SDKs send them', 'host;x-amz-date', ['host', 'x-amz-date']],
    ['out of order', 'x-amz-date;host', ['host', 'x-amz-date']],
    ['with capitals', 'Host;X-Amz-Date', ['host', 'x-amz-date']],
    ['with empty names', ';host;;x-amz-date;', ['host', 'x-amz-date']],
    ['repeated', 'host;host;x-amz-date', ['host', 'host', 'x-amz-date']],
  ])(
    'signed headers %s: listed in order and joined for the canonical request',
    (_, value, names) => {
      const parsed = parseSigV4(
        request({
          ...DATE,
          authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=${value}, Signature=${SIG}`,
        }),
      );
      expect(parsed.kind === 'signed' && parsed.info.signedHeaders).toEqual(names);
      expect(parsed.kind === 'signed' && parsed.info.signedHeadersLine).toBe(names.join(';'));
    },
  );

  it('takes the time from an IMF-fixdate Date header when there is no X-Amz-Date', () => {
    const parsed = parseSigV4(
      request({
        date: 'Sat, 28 Nov 2026 02:20:00 GMT',
        authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=date;host, Signature=${SIG}`,
      }),
    );
    expect(parsed).toMatchObject({ kind: 'signed', info: { requestTime: '20261128T022000Z' } });
  });

  it('ignores trailing slashes after the terminator', () => {
    const parsed = parseSigV4(
      request({
        ...DATE,
        authorization: `AWS4-HMAC-SHA256 Credential=${CRED}//, SignedHeaders=host, Signature=${SIG}`,
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'signed',
      info: { scope: '20261128/us-east-1/sts/aws4_request' },
    });
  });
});

describe('sigV4Of', () => {
  it('parses a request once, whoever asks (routing, authentication, the admin guard)', () => {
    const req = request({
      ...DATE,
      authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
    });
    const first = sigV4Of(req);
    expect(first).toEqual(parseSigV4(req));
    expect(sigV4Of(req)).toBe(first);
    expect(sigV4Of({ ...req })).not.toBe(first);
  });
});
