import { describe, expect, it } from 'vitest';
import { matches, matching, rejection } from './helpers.js';

type Case = [pattern: string, message: string, expected: boolean];

describe('regular expression patterns', () => {
  it('matches the documented AUTHORIZED example', () => {
    const events = ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST', 'OK'];
    expect(matching('%AUTHORIZED%', events)).toEqual(events.slice(0, 2));
  });

  const cases: Case[] = [
    // The documented operators.
    ['%^[hc]at%', 'hat trick', true],
    ['%^[hc]at%', 'cat nap', true],
    ['%^[hc]at%', 'a hat', false],
    ['%[hc]at$%', 'a hat', true],
    ['%[hc]at$%', 'hat trick', false],
    ['%colou?r%', 'color', true],
    ['%colou?r%', 'colour', true],
    ['%colou?r%', 'colouur', false],
    ['%[abc]%', 'xbx', true],
    ['%[abc]%', 'xyz', false],
    ['%[a-z]%', 'ABC d', true],
    ['%[a-z]%', 'ABC', false],
    ['%[abcx-z]%', 'y', true],
    ['%[abcx-z]%', 'w', false],
    ['%^a{3,5}$%', 'aaa', true],
    ['%^a{3,5}$%', 'aaaaa', true],
    ['%^a{3,5}$%', 'aa', false],
    ['%^a{3,5}$%', 'aaaaaa', false],
    ['%^a{3}$%', 'aaa', true],
    ['%^a{3,}$%', 'aaaaaaa', true],
    ['%gra|ey%', 'gray', true],
    ['%gra|ey%', 'grey', true],
    ['%gra|ey%', 'green', false],
    ['%10\\.10\\.0\\.1%', 'from 10.10.0.1', true],
    ['%10\\.10\\.0\\.1%', 'from 10x10x0x1', false],
    ['%10.10.0.1%', 'from 10x10x0x1', true],
    ['%ab*c%', 'ac', true],
    ['%ab*c%', 'abbbc', true],
    ['%ab+c%', 'ac', false],
    ['%ab+c%', 'abc', true],
    ['%a.c%', 'a-c', true],
    ['%a.c%', 'ac', false],
    ['%\\d\\d\\d%', 'code 404', true],
    ['%\\d\\d\\d%', 'code 40', false],
    ['%\\D%', '123', false],
    ['%\\s%', 'a b', true],
    ['%\\S%', '   ', false],
    ['%^\\w+$%', 'abc_123', true],
    ['%^\\w+$%', 'abc-123', false],
    ['%\\W%', 'abc', false],
    ['%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'client 192.168.0.12 connected', true],
    ['%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'client localhost connected', false],
    ['%[Ee]rror|[Ff]ail%', 'an error occurred', true],
    ['%[Ee]rror|[Ff]ail%', 'Failed!', true],
    ['%[Ee]rror|[Ff]ail%', 'all good', false],
    [
      '%Task timed out after|^REPORT\\s.+\\sStatus: timeout%',
      'Task timed out after 3.00 seconds',
      true,
    ],
    [
      '%Task timed out after|^REPORT\\s.+\\sStatus: timeout%',
      'REPORT RequestId: 1 Duration: 3000 ms Status: timeout',
      true,
    ],
    [
      '%Task timed out after|^REPORT\\s.+\\sStatus: timeout%',
      'REPORT RequestId: 1 Duration: 3 ms',
      false,
    ],
    // `.` and `\s` as Java (AWS's engine) reads them: `.` stops at every line terminator,
    // `\s` is ASCII whitespace with the vertical tab.
    ['%a.c%', 'a\rc', false],
    ['%a.c%', 'a\u2028c', false],
    ['%a.c%', 'a\u00e9c', true],
    ['%a\\sc%', 'a\u000bc', true],
    ['%a\\sc%', 'a\u00a0c', false],
    ['%a\\Sc%', 'a\u000bc', false],
    ['%a[\\s-]c%', 'a\tc', true],
    ['%a[\\s-]c%', 'a-c', true],
    ['%a[.]c%', 'a.c', true],
    ['%a[.]c%', 'abc', false],
    // Patterns that backtrack for hours in a backtracking engine answer at once here.
    ['%\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*x%', '1'.repeat(40), false],
    ['%\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*x%', `${'1'.repeat(40)}x`, true],
    ['%^[a-z]+[a-z]+[a-z]+[a-z]+[a-z]+1$%', 'a'.repeat(5000), false],
    ['%a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b%', 'a'.repeat(5000), false],
    // Hexadecimal escapes stand in for characters that may not be written.
    ['%\\x28abc\\x29%', 'call (abc) done', true],
    ['%\\x28abc\\x29%', 'call abc done', false],
    // The supported symbols.
    ['%key=value%', 'a key=value b', true],
    ['%a#b@c/d;e,f-g_h:i%', 'x a#b@c/d;e,f-g_h:i y', true],
    ['%a\\-b%', 'a-b', true],
    ['%a\\:b%', 'a:b', true],
    ['%a\\/b%', 'a/b', true],
    ['%[a\\-z]%', '-', true],
    ['%[a\\-z]%', 'b', false],
    ['%[\\]]%', 'x]', true],
    ['%a]%', 'a]', true],
    ['%a}%', 'a}', true],
    ['%\\\\%', 'back\\slash', true],
    ['%\\.%', 'no dot', false],
    // Case-sensitive, substring.
    ['%ERROR%', 'error', false],
    ['%[Ee][Rr][Rr]%', 'eRr', true],
    ['%^$%', '', true],
    // Regex terms mixed with others.
    ['ERROR %\\d{3}%', 'ERROR 500', true],
    ['ERROR %\\d{3}%', 'ERROR x', false],
    ['ERROR -%DEBUG\\d%', 'ERROR DEBUG1', false],
    ['ERROR -%DEBUG\\d%', 'ERROR DEBUG', true],
    ['?%^ERR% ?%^WARN%', 'WARN x', true],
    ['?%^ERR% ?%^WARN%', 'x WARN', false],
    ['"a b"%c%', 'a b c', true],
    // In JSON and space-delimited patterns.
    ['{ $.eventType = %Update.*% }', '{"eventType":"UpdateTrail"}', true],
    ['{ $.eventType = %^Trail% }', '{"eventType":"UpdateTrail"}', false],
    ['{ $.eventType != %^Get% }', '{"eventType":"UpdateTrail"}', true],
    ['{ $.code = %^\\d+$% }', '{"code":404}', true],
    ['{ $.code = %^4% && $.msg = %fail% }', '{"code":404,"msg":"it failed"}', true],
    ['{ $.code = %^4% || $.msg = %x% }', '{"code":200,"msg":"x"}', true],
    ['[w1 = %^ERR%, w2]', 'ERROR message', true],
    ['[w1 = %^ERR%, w2]', 'WARN message', false],
    ['[w1 = %ERR% || w1 = %WARN%, w2 != 5]', 'WARN message', true],
  ];

  it.each(cases)('%s on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });
});

describe('regular expressions AWS refuses', () => {
  it.each([
    ['%something!%'],
    ['%(abc)%'],
    ['%a(?:b)%'],
    ['%a"b%'],
    ["%a'b%"],
    ['%a<b%'],
    ['%a&b%'],
    ['%é%'],
    ['%エラー%'],
    ['%a~b%'],
    ['{ $.a = %(x)% }'],
    ['[a = %x!%]'],
  ])('%s: Invalid character(s) in term', (pattern) => {
    const err = rejection(pattern);
    const term = /%[^%]*%/.exec(pattern)![0];
    expect(err.message).toBe(`Invalid character(s) in term '${term}'`);
  });

  it.each([
    ['%%', 'empty'],
    ['%abc', 'unterminated'],
    ['ERROR %abc', 'unterminated after a term'],
    ['%a\\%', 'ending in a backslash'],
    ['%a{2%', 'an incomplete quantifier'],
    ['%[abc%', 'an unclosed class'],
    ['%*a%', 'nothing to repeat'],
    ['%a{%', 'a stray brace'],
    ['%\\q%', 'an unknown escape'],
    ['%\\x2%', 'a short hexadecimal escape'],
    ['%a%b%', 'a third, unclosed percent sign'],
    // RE2's limits, which keep matching linear: at most 1000 repeats, a bounded program.
    ['%a{1001}%', 'a repeat count above 1000'],
    ['%[a-z]{1000}[a-z]{1000}[a-z]{1000}%', 'a compiled program above 2000 instructions'],
  ])('%s (%s): Invalid filter pattern', (pattern) => {
    expect(rejection(pattern).message).toBe('Invalid filter pattern');
  });

  it('allows at most two regular expressions in one pattern', () => {
    expect(matches('{ $.a = %x% && $.b = %y% }', '{"a":"x","b":"y"}')).toBe(true);
    expect(matches('[a = %x%, b = %y%]', 'x y')).toBe(true);
    expect(matches('%x% %y%', 'x y')).toBe(true);
    for (const pattern of [
      '{ $.a = %x% && $.b = %y% && $.c = %z% }',
      '[a = %x%, b = %y%, c = %z%]',
      '[a = %x% || a = %y% || a = %z%]',
      '%x% %y% %z%',
    ]) {
      expect(rejection(pattern).message).toBe('Invalid filter pattern');
    }
  });
});
