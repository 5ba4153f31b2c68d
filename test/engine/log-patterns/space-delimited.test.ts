import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../src/engine/log-patterns/index.js';
import { splitFields } from '../../../src/engine/log-patterns/space-fields.js';
import { matches, matching } from './helpers.js';

const APACHE = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
];
const HTML_404 =
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const HTML_403 =
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 403 2048';

describe('splitting events into fields', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['  lead and trail  ', ['lead', 'and', 'trail']],
    ['tab\tseparated\nlines', ['tab', 'separated', 'lines']],
    [
      APACHE[0]!,
      [
        '127.0.0.1',
        '-',
        'frank',
        '10/Oct/2000:13:25:15 -0700',
        'GET /apache_pb.gif HTTP/1.0',
        '200',
        '1534',
      ],
    ],
    ['"quoted field" x', ['quoted field', 'x']],
    ['[bracketed field] x', ['bracketed field', 'x']],
    ['""', ['']],
    ['[] x', ['', 'x']],
    ['"open quote runs on', ['open quote runs on']],
    ['[open bracket runs on', ['open bracket runs on']],
    ['a"b c"', ['a"b', 'c"']],
    ['"a"b', ['a', 'b']],
    ['[a "b"] c', ['a "b"', 'c']],
    ['', []],
    ['   ', []],
  ])('%j', (message, fields) => {
    expect(splitFields(message)).toEqual(fields);
  });
});

describe('space-delimited patterns: the documented examples', () => {
  type Case = [pattern: string, expected: string[]];
  const cases: Case[] = [
    ['[ip, user, username, timestamp, request, status_code, bytes]', APACHE],
    ['[..., status_code, bytes]', APACHE],
    ['[ip, user, ..., status_code, bytes]', APACHE],
    ['[ip, user, ...]', APACHE],
    ['[ip, user, username, timestamp, request, status_code, bytes > 1000]', APACHE],
    ['[ip, user, username, timestamp, request, status_code, bytes > 5000]', [APACHE[1]!]],
    [
      '[ip, user, username, timestamp, request, status_code = 200, bytes]',
      [APACHE[0]!, APACHE[2]!],
    ],
    ['[ip, user, username, timestamp, request, status_code = 4*, bytes]', []],
    ['[ip, user, username, timestamp, request, status_code = 5*, bytes]', [APACHE[1]!]],
    ['[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', []],
    ['[ip, user, username, timestamp, request = *gif*, status_code = 5*, bytes]', [APACHE[1]!]],
    [
      '[ip, user, username, timestamp, request, status_code = 403 || status_code = 500, bytes]',
      [APACHE[1]!],
    ],
    ['[ip, user, username, timestamp, request, status_code != 200, bytes]', [APACHE[1]!]],
    ['[ip, user, username, timestamp, request, status_code, bytes, extra]', []],
    ['[ip, user, username, timestamp, request, status_code]', []],
  ];
  it.each(cases)('%s', (pattern, expected) => {
    expect(matching(pattern, APACHE)).toEqual(expected);
  });

  it('filters 4xx other than 403 with && on one field', () => {
    const p =
      '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]';
    expect(matching(p, [HTML_404, HTML_403, APACHE[0]!])).toEqual([HTML_404]);
  });

  it('extracts every field of the documented example, named or by position', () => {
    const p = compileFilterPattern('[..., request=*.html*, status_code=4*,]');
    expect(p.extract(HTML_404)).toEqual({
      $status_code: '404',
      $request: 'GET /index.html HTTP/1.0',
      $7: '1534',
      $4: '10/Oct/2000:13:25:15 -0700',
      $3: 'frank',
      $2: '-',
      $1: '127.0.0.1',
    });
    expect(p.extract(APACHE[0]!)).toBeUndefined();
  });

  it('matches the OR example on words', () => {
    const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
    expect(matching('[w1=ERROR, w2]', events)).toEqual(['ERROR message']);
    expect(matching('[w1=ERROR || w1=WARN, w2]', events)).toEqual([
      'ERROR message',
      'WARN message',
    ]);
    expect(matching('[w1!=ERROR&&w1!=WARN, w2]', events)).toEqual([]);
    expect(matching('[w1!=ERROR&&w1!=WARN, w2]', ['INFO message'])).toEqual(['INFO message']);
    expect(matching('[w1=ERROR, ...]', events)).toEqual(['ERROR WARN message', 'ERROR message']);
  });
});

describe('space-delimited patterns: conditions', () => {
  type Case = [pattern: string, message: string, expected: boolean];
  const cases: Case[] = [
    ['[a = 5]', '5', true],
    ['[a = 5]', '5.0', true],
    ['[a = 5]', '05', true],
    ['[a = 5]', '6', false],
    ['[a = abc]', 'abc', true],
    ['[a = abc]', 'ABC', false],
    ['[a = "abc"]', 'abc', true],
    ['[a = "a b"]', '"a b"', true],
    ['[a = "a b"]', '[a b]', true],
    ['[a = "*/metadata*"]', '"GET /v1/metadata?x"', true],
    ['[a = "*/metadata*"]', '"GET /v1/patient"', false],
    ['[a != 2*]', '404', true],
    ['[a != 2*]', '204', false],
    ['[a > 10]', '11', true],
    ['[a > 10]', '10', false],
    ['[a > 10]', 'abc', false],
    ['[a > 10]', '-', false],
    ['[a >= 10]', '10', true],
    ['[a < 10]', '9.5', true],
    ['[a <= -1]', '-1', true],
    ['[a < 1e3]', '999', true],
    ['[a > 0.5]', '0.75', true],
    ['[a > +1]', '2', true],
    ['[a = 200]', 'OK', false],
    ['[a != 200]', 'OK', true],
    ['[a=1,b=2]', '1 2', true],
    ['[a=1,b=2]', '1 3', false],
    ['[a = 1 || a = 2 || a = 3]', '3', true],
    ['[a = 1* && a != 12 && a != 13]', '14', true],
    ['[a = 1* && a != 12 && a != 13]', '13', false],
    ['[a = 1 || a = 2 && a = 3]', '1', true],
    ['[(a = 1 || a = 2) && a != 2]', '2', false],
    ['[(a = 1 || a = 2) && a != 2]', '1', true],
    ['[a = *]', 'anything', true],
    ['[a = * , b]', 'x y', true],
    ['[a, , c]', 'x y z', true],
    ['[a, , c]', 'x y', false],
    ['[,]', 'x y', true],
    ['[,]', 'x', false],
    ['[a = ERROR]', 'ERROR', true],
    ['[a = ERROR]', 'ERRORS', false],
    ['[a = "エラー"]', 'エラー', true],
    ['[a, b = "処理*"]', 'x 処理完了', true],
    ['[a = 10.0.0.*]', '10.0.0.7', true],
    ['[a = 10.0.0.*]', '10.0.1.7', false],
    ['[a = /api/*]', '/api/v1', true],
    ['[ip, ..., last = end]', '1 2 3 end', true],
    ['[ip, ..., last = end]', '1 end', true],
    ['[ip, ..., last = end]', 'end', false],
    ['[..., x = 3, ...]', '1 2 3 4 5', true],
    ['[..., x = 9, ...]', '1 2 3 4 5', false],
    ['[..., ..., x]', '1 2', true],
    ['[...]', '', true],
    ['[...]', 'a b c', true],
    ['[a]', '', false],
    ['[a]', 'one', true],
    ['[a]', 'one two', false],
    ['[a = %ERR.R%]', 'ERROR', true],
    ['[a = %^ERR$%]', 'ERROR', false],
    ['[a != %\\d+%]', 'abc', true],
  ];
  it.each(cases)('%s on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });

  it('does not mistake text for its own syntax', () => {
    expect(matches('[a, b]', 'x, y')).toBe(true);
    expect(matches('[a = "x,y"]', 'x,y')).toBe(true);
  });
});

describe('space-delimited patterns: extraction', () => {
  it('names fields by pattern name and the rest by position', () => {
    const p = compileFilterPattern('[ip, , user, ...]');
    expect(p.extract('1.2.3.4 - bob x y')).toEqual({
      $ip: '1.2.3.4',
      $2: '-',
      $user: 'bob',
      $4: 'x',
      $5: 'y',
    });
  });

  it('reads metric values by name or position', () => {
    const p = compileFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]');
    expect(p.valueOf(APACHE[1]!, '$bytes')).toBe('5324');
    expect(p.valueOf(APACHE[1]!, '$status_code')).toBe('500');
    expect(p.valueOf(APACHE[1]!, '$4')).toBe('10/Oct/2000:13:35:22 -0700');
    expect(p.valueOf(APACHE[1]!, '$8')).toBeUndefined();
    expect(p.valueOf(APACHE[1]!, '$0')).toBeUndefined();
    expect(p.valueOf(APACHE[1]!, '$nope')).toBeUndefined();
    expect(p.valueOf(APACHE[1]!, 'bytes')).toBeUndefined();
    expect(p.valueOf('too short', '$ip')).toBeUndefined();
  });

  it('reads a named field after an ellipsis', () => {
    const p = compileFilterPattern('[..., status_code, bytes]');
    expect(p.valueOf(APACHE[2]!, '$bytes')).toBe('4355');
    expect(p.extract(APACHE[2]!)).toMatchObject({
      $status_code: '200',
      $bytes: '4355',
      $1: '127.0.0.1',
    });
  });
});
