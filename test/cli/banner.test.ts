/** The start-up banner: the auth mode always, a loud warning for open mode off loopback. */
import { describe, expect, it } from 'vitest';
import { banner, isLoopback, openModeWarning } from '../../src/cli/banner.js';
import { compileOptions } from '../../src/cli/options.js';

const options = (argv: string[]) => compileOptions(['--in-memory', ...argv], {}, '/tmp');

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['[::]', false],
    ['192.168.1.20', false],
    ['10.0.0.1', false],
    ['teiki.example', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});

describe('banner', () => {
  it('names the auth mode', () => {
    expect(banner(options([]), 'http://127.0.0.1:4566', '0.1.0')).toContain('auth:    open (');
    expect(banner(options(['--auth', 'enforce']), 'http://127.0.0.1:4566', '0.1.0')).toContain(
      'auth:    enforce (',
    );
  });

  it.each([
    ['http://0.0.0.0:4566', ['--host', '0.0.0.0'], true],
    ['http://[::]:4566', ['--host', '::'], true],
    ['http://192.168.1.20:4566', ['--host', '192.168.1.20'], true],
    ['http://0.0.0.0:4566', ['--host', '0.0.0.0', '--auth', 'enforce'], false],
    ['http://127.0.0.1:4566', [], false],
    ['http://[::1]:4566', ['--host', '::1'], false],
  ])('at %s with %j warns: %s', (url, argv, warns) => {
    const text = banner(options(argv), url, '0.1.0');
    expect(text.includes('WARNING')).toBe(warns);
    const warning = openModeWarning(options(argv), new URL(url).hostname);
    if (warns) {
      expect(warning).toContain('--auth open');
      expect(warning).toContain('--auth enforce');
      expect(text).toContain(warning);
    } else {
      expect(warning).toBeUndefined();
    }
  });

  it('keeps the first line the tests and users read the endpoint from', () => {
    expect(banner(options([]), 'http://127.0.0.1:4566', '0.1.0').split('\n')[0]).toBe(
      'teiki 0.1.0 listening on http://127.0.0.1:4566',
    );
  });
});
