/** The canonical URI, query and headers, piece by piece. */
import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalPath,
  canonicalQuery,
  percentDecode,
} from '../../../src/gateway/auth/canonical.js';
import { accountFromAccessKeyId } from '../../../src/gateway/auth/index.js';

describe('canonical path (services other than S3)', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a/b/', '/a/b/'],
    ['//a//b//', '/a/b/'],
    ['/a/./b/../c', '/a/c'],
    ['/a/../..', '/'],
    // The wire path is already encoded; its `%` is encoded again, as the SDKs sign it.
    ['/my%20schedule', '/my%2520schedule'],
    ['/a%2Fb', '/a%252Fb'],
    ['/example space/', '/example%20space/'],
    ['/ሴ', '/%E1%88%B4'],
    ["/a(1)'*!", '/a%281%29%27%2A%21'],
    ['/-._~', '/-._~'],
  ])('%j → %j', (path, expected) => {
    expect(canonicalPath(path)).toBe(expected);
  });
});

describe('canonical query', () => {
  it.each([
    ['', ''],
    ['b=2&a=1', 'a=1&b=2'],
    ['a=2&a=10&a=1', 'a=1&a=10&a=2'],
    ['Param2=v&Param1=v&param0=v', 'Param1=v&Param2=v&param0=v'],
    ['flag', 'flag='],
    ['a=&b', 'a=&b='],
    ['a=b%20c', 'a=b%20c'],
    ['a=b+c', 'a=b%2Bc'],
    ['a=%7e%2f%2A', 'a=~%2F%2A'],
    ['key%20one=v', 'key%20one=v'],
    ['a=100%', 'a=100%25'],
    ['a=%zz', 'a=%25zz'],
    ['ሴ=bar', '%E1%88%B4=bar'],
    ['a=%FF%FE', 'a=%FF%FE'],
    ['&&a=1&', 'a=1'],
  ])('%j → %j', (raw, expected) => {
    expect(canonicalQuery(raw)).toBe(expected);
  });

  it('leaves out the excluded parameter only', () => {
    expect(
      canonicalQuery('X-Amz-Signature=abc&X-Amz-Date=1&x=X-Amz-Signature', 'X-Amz-Signature'),
    ).toBe('X-Amz-Date=1&x=X-Amz-Signature');
  });
});

describe('canonical headers', () => {
  const req = {
    method: 'GET',
    path: '/',
    rawQuery: '',
    headers: {
      host: 'example.com',
      'x-a': '  a   b\t c  ',
      'x-multi': ['one ', ' two'],
      'x-folded': 'line1\r\n  line2',
    },
    body: Buffer.alloc(0),
  };

  it('trims, collapses spaces, joins repeats with commas, skips absent names', () => {
    expect(canonicalHeaders(req, ['host', 'x-a', 'x-absent', 'x-folded', 'x-multi'])).toBe(
      'host:example.com\nx-a:a b c\nx-folded:line1 line2\nx-multi:one,two\n',
    );
  });

  it.each([
    ['already canonical', 'a b c', 'a b c'],
    ['a leading space', ' a', 'a'],
    ['a trailing space', 'a ', 'a'],
    ['two spaces', 'a  b', 'a b'],
    ['a tab', 'a\tb', 'a b'],
    ['a lone line feed', 'a\nb', 'a b'],
    ['a lone carriage return', 'a\rb', 'a b'],
    ['only spaces', '   ', ''],
    ['a single space', ' ', ''],
    ['nothing', '', ''],
    ['spaces apart', ' a b c d ', 'a b c d'],
  ])('normalizes a value with %s', (_, value, canonical) => {
    expect(canonicalHeaders({ ...req, headers: { 'x-v': value } }, ['x-v'])).toBe(
      `x-v:${canonical}\n`,
    );
  });
});

describe('percent-decoding', () => {
  it('decodes escapes, keeps + and stray % as they are', () => {
    expect(percentDecode('a%20b+c%2x%')).toBe('a b+c%2x%');
  });
});

describe('account from access key id', () => {
  it.each([
    ['123456789012', '123456789012'],
    ['000000000001', '000000000001'],
    ['12345678901', '000000000000'],
    ['1234567890123', '000000000000'],
    ['AKIAIOSFODNN7EXAMPLE', '000000000000'],
    ['test', '000000000000'],
    ['', '000000000000'],
  ])('%j → %j', (key, account) => {
    expect(accountFromAccessKeyId(key, '000000000000')).toBe(account);
  });
});
