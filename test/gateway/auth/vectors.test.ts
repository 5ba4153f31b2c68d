/**
 * AWS's published SigV4 test suite (aws-sig-v4-test-suite, as carried by
 * awslabs/aws-c-auth tests/aws-signing-test-suite/v4): fixed requests, fixed credentials,
 * fixed instant, and the signature AWS says each must have. The requests are written as
 * the suite writes them, raw HTTP with the path unencoded.
 */
import { describe, expect, it } from 'vitest';
import { parseSigV4, verifySigV4 } from '../../../src/gateway/auth/index.js';
import type { SigV4Request } from '../../../src/gateway/auth/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const AT = Date.parse('2015-08-30T12:36:00Z');
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

/** Parses the suite's raw request text; a header repeated keeps each value, in order. */
function rawRequest(text: string): SigV4Request {
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? '' : text.slice(blank + 2);
  const [requestLine = '', ...headerLines] = head.split('\n');
  const match = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine);
  if (!match) throw new Error(`bad request line: ${requestLine}`);
  const target = match[2]!;
  const q = target.indexOf('?');
  const headers: Record<string, string | string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    const prior = headers[name];
    headers[name] = prior === undefined ? value : [...[prior].flat(), value];
  }
  return {
    method: match[1]!,
    path: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? '' : target.slice(q + 1),
    headers,
    body: Buffer.from(body),
  };
}

function auth(signedHeaders: string, signature: string): string {
  return `Authorization:${AUTH}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const vectors: Array<{ name: string; request: string }> = [
  {
    name: 'get-vanilla',
    request: `GET / HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'post-vanilla',
    request: `POST / HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-vanilla-query-order-key-case',
    request: `GET /?Param2=value2&Param1=value1 HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-vanilla-empty-query-key',
    request: `GET /?Param1=value1 HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-vanilla-query-unreserved',
    request: `GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-vanilla-utf8-query',
    request: `GET /?ሴ=bar HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-unreserved',
    request: `GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-utf8',
    request: `GET /ሴ HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-space-normalized',
    request: `GET /example space/ HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-slashes-normalized',
    request: `GET //example// HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-relative-relative-normalized',
    request: `GET /example1/example2/../.. HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-header-value-trim',
    request: `GET / HTTP/1.1
Host:example.amazonaws.com
My-Header1: value1
My-Header2: "a   b   c"
${auth('host;my-header1;my-header2;x-amz-date', 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-header-key-duplicate',
    request: `GET / HTTP/1.1
Host:example.amazonaws.com
My-Header1:value2
My-Header1:value2
My-Header1:value1
${auth('host;my-header1;x-amz-date', 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea')}
X-Amz-Date:20150830T123600Z
`,
  },
  {
    name: 'get-vanilla-with-session-token',
    request: `GET / HTTP/1.1
Host:example.amazonaws.com
${auth('host;x-amz-date;x-amz-security-token', '07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8')}
X-Amz-Date:20150830T123600Z
X-Amz-Security-Token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267
`,
  },
  {
    name: 'post-x-www-form-urlencoded',
    request: `POST / HTTP/1.1
Content-Type:application/x-www-form-urlencoded
Host:example.amazonaws.com
Content-Length:13
x-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e
${auth('content-length;content-type;host;x-amz-content-sha256;x-amz-date', 'd3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b')}
X-Amz-Date:20150830T123600Z

Param1=value1`,
  },
  {
    name: 'get-utf8 (presigned)',
    request: `GET /ሴ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600&X-Amz-Signature=10eae3f14a260bd3911cc6d008d3c576d143b05b62f09782a7a4b37f52178e44 HTTP/1.1
Host:example.amazonaws.com
X-Amz-Date:20150830T123600Z
`,
  },
];

describe('the AWS SigV4 test suite', () => {
  it.each(vectors)('$name verifies with the suite credentials', ({ request }) => {
    const req = rawRequest(request);
    const parsed = parseSigV4(req);
    expect(parsed.kind).toBe('signed');
    if (parsed.kind !== 'signed') return;
    const result = verifySigV4(req, parsed.info, SECRET, AT);
    expect(result.ok ? 'ok' : result.failure).toBe('ok');
  });

  it.each(vectors)('$name fails with another secret', ({ request }) => {
    const req = rawRequest(request);
    const parsed = parseSigV4(req);
    if (parsed.kind !== 'signed') throw new Error('expected a signed request');
    expect(verifySigV4(req, parsed.info, `${SECRET}x`, AT).ok).toBe(false);
  });

  it('get-vanilla: the canonical request and string to sign are the suite’s', () => {
    const req = rawRequest(vectors[0]!.request);
    const parsed = parseSigV4(req);
    if (parsed.kind !== 'signed') throw new Error('expected a signed request');
    const result = verifySigV4(req, { ...parsed.info, signature: '0'.repeat(64) }, SECRET, AT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.canonicalRequest).toBe(
      [
        'GET',
        '/',
        '',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(result.failure.stringToSign).toBe(
      [
        'AWS4-HMAC-SHA256',
        '20150830T123600Z',
        '20150830/us-east-1/service/aws4_request',
        'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
      ].join('\n'),
    );
  });
});
