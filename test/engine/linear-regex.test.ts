import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, compileUserRegex } from '../../src/engine/logs-insights/regex.js';
import {
  compileLinearRegex,
  DEFAULT_MAX_PROGRAM_SIZE,
  LinearRegexError,
} from '../../src/engine/linear-regex/index.js';

describe('teiki’s one RE2 entry', () => {
  it.each([
    // pattern, text, test (anywhere), matches (whole)
    ['b+', 'abbc', true, false],
    ['a.*c', 'abbc', true, true],
    ['^x', 'abc', false, false],
    ['(?i)ABC', 'abc', true, true],
  ])('%s against %s: test %s, matches %s', (pattern, text, anywhere, whole) => {
    const regex = compileLinearRegex(pattern);
    expect(regex.test(text)).toBe(anywhere);
    expect(regex.matches(text)).toBe(whole);
  });

  it("refuses a pattern RE2 cannot parse, in Go's words", () => {
    expect(() => compileLinearRegex('(a')).toThrow(
      new LinearRegexError('error parsing regexp: missing closing ): `(a`'),
    );
  });

  it('refuses a program past the size limit, unless the caller lifts it', () => {
    const large = '\\w{900}\\d{900}\\s{900}';
    expect(() => compileLinearRegex(large)).toThrow(/expression too large/);
    expect(compileLinearRegex(large, { maxProgramSize: Number.POSITIVE_INFINITY }).test('x')).toBe(
      false,
    );
    expect(DEFAULT_MAX_PROGRAM_SIZE).toBeGreaterThan(1_000);
  });

  it('gives Logs Insights the same limit, as a query syntax error', () => {
    expect(() => compileUserRegex('\\w{900}\\d{900}\\s{900}')).toThrow(RegexSyntaxError);
    expect(compileUserRegex('(?P<word>\\w+) (\\d+)').exec('id 42')).toEqual(['id 42', 'id', '42']);
  });
});
