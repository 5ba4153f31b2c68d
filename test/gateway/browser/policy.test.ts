/** The browser policy, case by case: Host names, origins, Sec-Fetch-Site, preflights. */
import { describe, expect, it } from 'vitest';
import {
  normalizeAllowedHost,
  normalizeCorsOrigin,
  parseHost,
} from '../../../src/gateway/browser/names.js';
import {
  compileBrowserPolicy,
  screenRequest,
  type ScreenedRequest,
} from '../../../src/gateway/browser/policy.js';

const policy = compileBrowserPolicy({
  allowedHosts: ['teiki', 'Host.Docker.Internal.'],
  corsOrigins: ['http://localhost:3000', 'https://app.example.com/'],
});

function req(headers: Record<string, string>, method = 'POST', path = '/'): ScreenedRequest {
  return { method, path, headers };
}

describe('Host', () => {
  it.each([
    ['127.0.0.1:4566'],
    ['127.0.0.1'],
    ['10.0.0.7:4566'],
    ['0.0.0.0:4566'],
    ['[::1]:4566'],
    ['[::1]'],
    ['[fe80::1]:80'],
    ['localhost:4566'],
    ['LOCALHOST:4566'],
    ['localhost.:4566'],
    ['app.localhost:4566'],
    ['teiki:4566'],
    ['TEIKI'],
    ['host.docker.internal:4566'],
  ])('serves %s', (host) => {
    expect(screenRequest(req({ host }), policy)).toEqual({ kind: 'serve' });
  });

  it.each([
    ['evil.example:4566', 'evil.example'],
    ['evil.example', 'evil.example'],
    ['localhost.evil.example:4566', 'localhost.evil.example'],
    ['127.0.0.1.nip.io:4566', '127.0.0.1.nip.io'],
    ['teiki.evil.example', 'teiki.evil.example'],
    ['2130706433:4566', '2130706433'],
  ])('refuses %s, naming --allowed-hosts', (host, name) => {
    const verdict = screenRequest(req({ host }), policy);
    expect(verdict).toMatchObject({ kind: 'refuse', reason: 'host-not-allowed' });
    expect(verdict.kind === 'refuse' && verdict.message).toContain(`--allowed-hosts ${name}`);
  });

  it.each([
    ['user@127.0.0.1'],
    ['127.0.0.1:4566:1'],
    ['[::1'],
    ['[evil.example]:80'],
    ['evil example'],
    ['..'],
    ['127.0.0.1:123456'],
  ])('refuses the malformed Host %j', (host) => {
    expect(screenRequest(req({ host }), policy)).toMatchObject({
      kind: 'refuse',
      reason: 'host-malformed',
    });
  });

  it('serves a request with no Host (HTTP/1.0): browsers always send one', () => {
    expect(screenRequest(req({}), policy)).toEqual({ kind: 'serve' });
  });
});

describe('Origin and Sec-Fetch-Site', () => {
  const own = { host: '127.0.0.1:4566' };
  it.each<[string, Record<string, string>, unknown]>([
    ['an SDK (no Origin, no Sec-Fetch-Site)', {}, { kind: 'serve' }],
    ['fetch() in Node (Sec-Fetch-Mode only)', { 'sec-fetch-mode': 'cors' }, { kind: 'serve' }],
    [
      'the console (own origin, same-origin)',
      { origin: 'http://127.0.0.1:4566', 'sec-fetch-site': 'same-origin' },
      { kind: 'serve' },
    ],
    ['an address typed by the user', { 'sec-fetch-site': 'none' }, { kind: 'serve' }],
    ['own origin behind a TLS proxy', { origin: 'https://127.0.0.1:4566' }, { kind: 'serve' }],
    [
      'a listed origin',
      { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' },
      { kind: 'serve', corsOrigin: 'http://localhost:3000' },
    ],
    [
      'a listed origin on its default port',
      { origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' },
      { kind: 'serve', corsOrigin: 'https://app.example.com' },
    ],
    [
      'a listed origin, preflight',
      { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
      { kind: 'preflight', corsOrigin: 'http://localhost:3000' },
    ],
  ])('serves %s', (_name, headers, verdict) => {
    const method = headers['access-control-request-method'] ? 'OPTIONS' : 'POST';
    expect(screenRequest(req({ ...own, ...headers }, method), policy)).toEqual(verdict);
  });

  it.each<[string, Record<string, string>, string]>([
    ['another port', { origin: 'http://127.0.0.1:8000' }, 'origin-not-allowed'],
    ['localhost for 127.0.0.1', { origin: 'http://localhost:4566' }, 'origin-not-allowed'],
    ['a public site', { origin: 'https://evil.example' }, 'origin-not-allowed'],
    ['an opaque origin', { origin: 'null' }, 'origin-not-allowed'],
    ['a file: page', { origin: 'file://' }, 'origin-not-allowed'],
    ['a listed origin on another port', { origin: 'http://localhost:3001' }, 'origin-not-allowed'],
    [
      'own origin but cross-site',
      { origin: 'http://127.0.0.1:4566', 'sec-fetch-site': 'cross-site' },
      'origin-not-allowed',
    ],
    [
      'a no-cors GET from another site',
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
      'cross-site-without-origin',
    ],
    [
      'a same-site (other port) request without Origin',
      { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
      'cross-site-without-origin',
    ],
    [
      'a preflight from an unlisted origin',
      { origin: 'http://127.0.0.1:8000', 'access-control-request-method': 'POST' },
      'origin-not-allowed',
    ],
  ])('refuses %s', (_name, headers, reason) => {
    const verdict = screenRequest(req({ ...own, ...headers }), policy);
    expect(verdict).toMatchObject({ kind: 'refuse', reason });
    expect(verdict.kind === 'refuse' && verdict.message).toContain('--cors-origins');
  });

  it.each<[string, string, Record<string, string>, 'serve' | 'refuse']>([
    ['GET', '/_teiki/console/', { 'sec-fetch-dest': 'document' }, 'serve'],
    ['GET', '/_teiki/console/logs', { 'sec-fetch-dest': 'document' }, 'serve'],
    ['GET', '/_teiki/console/', { 'sec-fetch-dest': 'iframe' }, 'refuse'],
    ['POST', '/_teiki/console/', { 'sec-fetch-dest': 'document' }, 'refuse'],
    ['GET', '/_teiki/invocations', { 'sec-fetch-dest': 'document' }, 'refuse'],
    ['GET', '/', { 'sec-fetch-dest': 'document' }, 'refuse'],
  ])('a cross-site navigation %s %s %j: %s', (method, path, headers, kind) => {
    const verdict = screenRequest(
      req(
        { ...own, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', ...headers },
        method,
        path,
      ),
      policy,
    );
    expect(verdict.kind).toBe(kind);
  });

  it('judges the Host before the Origin', () => {
    expect(
      screenRequest(req({ host: 'evil.example', origin: 'http://evil.example' }), policy),
    ).toMatchObject({ kind: 'refuse', reason: 'host-not-allowed' });
  });

  it('compares the own origin with the default port when Host names none', () => {
    const host = { host: 'localhost' };
    expect(screenRequest(req({ ...host, origin: 'http://localhost' }), policy).kind).toBe('serve');
    expect(screenRequest(req({ ...host, origin: 'http://localhost:80' }), policy).kind).toBe(
      'serve',
    );
    expect(screenRequest(req({ ...host, origin: 'http://localhost:8080' }), policy).kind).toBe(
      'refuse',
    );
  });
});

describe('option values', () => {
  it.each([
    ['teiki', 'teiki'],
    ['Host.Docker.Internal', 'host.docker.internal'],
    ['compose_service', 'compose_service'],
    ['name.', 'name'],
  ])('allowed host %j is %j', (given, canonical) => {
    expect(normalizeAllowedHost(given)).toBe(canonical);
  });

  it.each([['teiki:4566'], ['http://teiki'], [''], ['a b'], ['*.example']])(
    'refuses the allowed host %j',
    (given) => {
      expect(() => normalizeAllowedHost(given)).toThrow(/is not a host name/);
    },
  );

  it.each([
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['HTTPS://App.Example.com', 'https://app.example.com:443'],
    ['http://[::1]:8080', 'http://::1:8080'],
  ])('CORS origin %j is %j', (given, canonical) => {
    expect(normalizeCorsOrigin(given)).toBe(canonical);
  });

  it.each([
    ['*', /every web page/],
    ['null', /every web page/],
    ['localhost:3000', /is not a web origin/],
    ['http://localhost:3000/app', /is not a web origin/],
    ['ftp://localhost', /is not a web origin/],
    ['http://user@localhost', /is not a web origin/],
  ])('refuses the CORS origin %j', (given, message) => {
    expect(() => normalizeCorsOrigin(given)).toThrow(message);
  });

  it('reads bracketed IPv6 with and without a port', () => {
    expect(parseHost('[::1]:4566')).toEqual({ hostname: '::1', port: '4566', ip: true });
    expect(parseHost('[::1]')).toEqual({ hostname: '::1', port: '', ip: true });
  });
});
