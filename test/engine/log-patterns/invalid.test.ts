import { describe, expect, it } from 'vitest';
import {
  FilterPatternError,
  type FilterPatternUsage,
  compileFilterPattern,
} from '../../../src/engine/log-patterns/index.js';
import { rejection } from './helpers.js';

const GENERIC = 'Invalid filter pattern';

describe('patterns whose braces or brackets do not close', () => {
  it.each([
    ['{', '{'],
    ['{ $.a = 1', '{'],
    ['{ $.a = 1 } ', '{'],
    ['{ $.a = 1 }\n', '{'],
    ['{$.kubernetes.namespace_name=abc', '{'],
    ['[', '['],
    ['[a, b', '['],
    ['[time, level=ERROR, msg', '['],
    ['[a] ', '['],
  ])('%j', (pattern, open) => {
    const close = open === '{' ? '}' : ']';
    expect(rejection(pattern).message).toBe(
      `If a filter pattern starts with '${open}' it must end with '${close}'`,
    );
  });
});

describe('invalid term patterns', () => {
  it.each([
    ['email@example.com', 'a symbol in an unquoted term'],
    ['ERROR:', 'a colon'],
    ['a/b', 'a slash'],
    ['10.0.0.1', 'dots'],
    ['user.name', 'a dot'],
    ['*', 'a bare asterisk'],
    ['ERROR*', 'a trailing asterisk'],
    ['(ERROR)', 'parentheses'],
    ['ERROR!', 'an exclamation mark'],
    ['a,b', 'a comma'],
    ['$.a', 'a dollar sign'],
    ["'single'", 'single quotes'],
    ['café', 'an unquoted non-ASCII letter'],
    ['エラー', 'unquoted non-ASCII text'],
    ['ERROR && WARN', '&&'],
    ['ERROR || WARN', '||'],
    ['}', 'a closing brace'],
    [']', 'a closing bracket'],
    [' {$.ThisFlag IS TRUE} ', 'a JSON pattern after a space'],
    [' [a, b]', 'a space-delimited pattern after a space'],
    ['"unterminated', 'an open quote'],
    ['ERROR "unterminated', 'an open quote after a term'],
    ['"a \\"b', 'an escaped closing quote'],
    ['-', 'a lone minus'],
    ['?', 'a lone question mark'],
    ['ERROR -', 'a trailing minus'],
    ['ERROR ?', 'a trailing question mark'],
    ['--ERROR', 'a doubled minus'],
    ['??ERROR', 'a doubled question mark'],
    ['?-ERROR', 'both prefixes'],
    ['-?ERROR', 'both prefixes, the other way'],
  ])('%j (%s)', (pattern) => {
    expect(rejection(pattern).message).toBe(GENERIC);
  });
});

describe('invalid JSON patterns', () => {
  it.each([
    ['{}', 'nothing inside'],
    ['{ }', 'only a space inside'],
    ['{ $ = 1 }', 'a bare $'],
    ['{ $. = 1 }', 'an empty property name'],
    ['{ $.a. = 1 }', 'a trailing dot'],
    ['{ $.a..b = 1 }', 'a double dot'],
    ['{ a = 1 }', 'no $'],
    ['{ .a = 1 }', 'a dot without $'],
    ['{ $a = 1 }', 'no dot after $'],
    ['{ $[0] = 1 }', 'an index without a property'],
    ['{ $.a[ = 1 }', 'an open index'],
    ['{ $.a[x] = 1 }', 'a word as index'],
    ['{ $.a[-1] = 1 }', 'a negative index'],
    ['{ $.a[0 = 1 }', 'an unclosed index'],
    ['{ $.a@b = 1 }', 'a symbol in a property name'],
    ['{ $.a }', 'a selector alone'],
    ['{ $.a = }', 'no value'],
    ['{ $.a == 1 }', '=='],
    ['{ $.a =! 1 }', '=!'],
    ['{ $.a <> 1 }', '<>'],
    ['{ $.a => 1 }', '=>'],
    ['{ $.a =< 1 }', '=<'],
    ['{ $.a ! 1 }', 'a lone !'],
    ['{ $.a ~ 1 }', 'an unknown operator'],
    ['{ $.a = 1 && }', 'a dangling &&'],
    ['{ && $.a = 1 }', 'a leading &&'],
    ['{ $.a = 1 || }', 'a dangling ||'],
    ['{ $.a = 1 & $.b = 2 }', 'a single &'],
    ['{ $.a = 1 | $.b = 2 }', 'a single |'],
    ['{ $.a = 1 $.b = 2 }', 'two conditions without an operator'],
    ['{ ($.a = 1 }', 'an unclosed parenthesis'],
    ['{ $.a = 1) }', 'an unopened parenthesis'],
    ['{ () }', 'empty parentheses'],
    ['{ $.a = "x }', 'an unterminated quote'],
    ['{ $.a = x@y }', 'an @ in an unquoted value'],
    ['{ $.a = $x }', 'a $ in an unquoted value'],
    ['{ $.a = a\\b }', 'a backslash in an unquoted value'],
    ['{ $.a = café }', 'unquoted non-ASCII'],
    ['{ $.a = x y }', 'two words'],
    ['{ $.a = "x" "y" }', 'two quoted values'],
    ['{ $.a IS }', 'IS alone'],
    ['{ $.a IS MAYBE }', 'IS with an unknown word'],
    ['{ $.a NOT }', 'NOT alone'],
    ['{ $.a NOT NULL }', 'NOT NULL'],
    ['{ $.a EXISTS }', 'EXISTS alone'],
    ['{ $.a = 1 } }', 'a second closing brace'],
    ['{{ $.a = 1 }}', 'doubled braces'],
    ['{ $.a = 1 }{ $.b = 2 }', 'two patterns'],
  ])('%j (%s)', (pattern) => {
    expect(rejection(pattern).message).toBe(GENERIC);
  });

  it.each([
    ['{ $.eventType > "UpdateTrail" }', '"UpdateTrail"'],
    ['{ $.eventType >= "UpdateTrail" }', '"UpdateTrail"'],
    ['{ $.eventType < UpdateTrail }', 'UpdateTrail'],
    ['{ $.eventType <= UpdateTrail }', 'UpdateTrail'],
    ['{ $.someInt >= "123" }', '"123"'],
    ['{ $.someInt > 1* }', '1*'],
    ['{ $.someInt > %1% }', '%1%'],
    ['{ $.someInt > 1.5.2 }', '1.5.2'],
  ])('%j: a number is needed after < or >', (pattern, term) => {
    expect(rejection(pattern).message).toBe(`Invalid character(s) in term '${term}'`);
  });
});

describe('invalid space-delimited patterns', () => {
  it.each([
    ['[]', 'no field'],
    ['[ ]', 'only a space'],
    ['[a b]', 'two names in one field'],
    ['[a, a]', 'a name used twice'],
    ['[1a]', 'a name starting with a digit'],
    ['[a-b]', 'a dash in a name'],
    ['[a.b]', 'a dot in a name'],
    ['[a = ]', 'no value'],
    ['[a =]', 'no value before the bracket'],
    ['[a == 2]', '=='],
    ['[a =! 2]', '=!'],
    ['[a b = 1]', 'a condition after two names'],
    ['[a = 1 b]', 'a word after the value'],
    ['[a = 1 &&]', 'a dangling &&'],
    ['[a = 1 || || a = 2]', 'a doubled ||'],
    ['[a = (1)]', 'a parenthesized value'],
    ['[(a = 1]', 'an unclosed parenthesis'],
    ['[a = 1 && b = 2]', 'a condition on another field'],
    ['[status_code = 4* && bytes > 1000]', 'the documented cross-field condition'],
    [
      '[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]',
      'ditto, in full',
    ],
    ['[a] b]', 'text after the closing bracket'],
    ['[[a]]', 'nested brackets'],
    ['[a, ....]', 'four dots'],
    ['[..a]', 'two dots'],
    ['[a, ... b]', 'a name after an ellipsis without a comma'],
    ['[a = "x]', 'an unterminated quote'],
    ['[a = x@y]', 'an @ in an unquoted value'],
    ['[a = é]', 'unquoted non-ASCII'],
    ['[a; b]', 'a semicolon between fields'],
  ])('%j (%s)', (pattern) => {
    expect(rejection(pattern).message).toBe(GENERIC);
  });

  it.each([
    ['[a > abc]', 'abc'],
    ['[a > "5"]', '"5"'],
    ['[a <= 4*]', '4*'],
  ])('%j: a number is needed after < or >', (pattern, term) => {
    expect(rejection(pattern).message).toBe(`Invalid character(s) in term '${term}'`);
  });
});

describe("the message follows the API's usage", () => {
  const usages: [FilterPatternUsage | undefined, string][] = [
    [undefined, 'Invalid filter pattern'],
    ['filter', 'Invalid filter pattern'],
    ['metric-filter', 'Invalid metric filter pattern'],
    ['subscription-filter', 'Invalid subscription filter pattern'],
  ];

  it.each(usages)('generic failures for %s', (usage, message) => {
    for (const pattern of [' {$.ThisFlag IS TRUE} ', '{ $.a == 1 }', '[a b]', 'a@b']) {
      expect(rejection(pattern, usage ? { usage } : undefined).message).toBe(message);
    }
  });

  it.each(usages)('specific wordings stay the same for %s', (usage) => {
    const options = usage ? { usage } : undefined;
    expect(rejection('{ $.a = 1', options).message).toBe(
      "If a filter pattern starts with '{' it must end with '}'",
    );
    expect(rejection('%a(b)%', options).message).toBe("Invalid character(s) in term '%a(b)%'");
  });
});

describe('FilterPatternError', () => {
  it('is an Error with a detail for logs', () => {
    const err = rejection('{ $.a == 1 }');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('FilterPatternError');
    expect(err.detail).toMatch(/unknown operator ==/);
  });

  it('is only thrown for bad patterns', () => {
    expect(() => compileFilterPattern('ERROR')).not.toThrow();
    expect(() => compileFilterPattern('{ $.a = 1 }')).not.toThrow(FilterPatternError);
  });

  it('leaves patterns that compile harmless on any event', () => {
    const patterns = ['ERROR', '%E.R%', '{ $.a = 1 }', '{ $.a[*].b > 2 }', '[a, ..., b = 3]', ''];
    const events = ['', '{', '{"a":', '[', '"', '\u0000', '{"a":[{"b":"3"}]}', 'x'.repeat(10000)];
    for (const p of patterns.map((s) => compileFilterPattern(s))) {
      for (const e of events) {
        expect(() => p.matches(e)).not.toThrow();
        expect(() => p.extract(e)).not.toThrow();
      }
    }
  });
});
