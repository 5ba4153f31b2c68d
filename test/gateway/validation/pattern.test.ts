import { describe, expect, it } from 'vitest';
import { serviceSchemas } from '../../../src/gateway/generated/index.js';
import { compilePattern, translateJavaPattern } from '../../../src/gateway/validation/pattern.js';

const LOG_GROUP = String.raw`[\.\-_/#A-Za-z0-9]+`;

describe('compilePattern (Java → JavaScript)', () => {
  it.each([
    // [java pattern, matches, does not match]
    [LOG_GROUP, ['/ecs/app', 'a.b-c_d#e'], ['bad name!', '', 'a:b']],
    [String.raw`[\w-_]*`, ['a-b_c', ''], ['a b']],
    [String.raw`[\w+=,.@\:-]*`, ['a:b', 'x@y'], ['a/b']],
    [String.raw`[A-Za-z0-9\_\-]+`, ['a_b-c'], ['a b']],
    [String.raw`^arn:aws([a-z]|\-)*:events:x$`, ['arn:aws-cn:events:x'], ['arn:aws_:events:x']],
    // Java's \S is not ASCII whitespace only: a no-break space is \S there.
    [String.raw`\S{3}`, ['ab\u00A0', 'abc'], ['ab ', 'ab\t']],
    // Java's . excludes U+0085 too.
    ['a.b', ['a\u00A0b', 'axb'], ['a\u0085b', 'a\nb', 'a\u2028b']],
    [String.raw`^(?!\s*$).+`, [' a', 'x'], ['   ', '']],
    [String.raw`\Aabc\z`, ['abc'], ['abcd']],
    ['a++b', ['aab'], ['b']],
    ['(?i)abc', ['ABC', 'abc'], ['abd']],
    [String.raw`\p{Alpha}+`, ['abc'], ['é', 'a1']],
    [String.raw`\p{IsLatin}+`, ['éa'], ['α']],
    [String.raw`\p{L}+`, ['éαя'], ['1']],
    [String.raw`\Qa.b\E`, ['a.b'], ['axb']],
    ['a{', ['a{'], ['a']],
    ['[a-z]+', ['abc'], ['abc1', '']],
    ['a|b', ['a', 'b'], ['ab']],
    [String.raw`[\u0020-\u00FF]+`, [' ~ÿ'], ['\u0100']],
    [String.raw`\uD83D\uDE00`, ['😀'], ['\uD83D']],
    [String.raw`[^\x00-\x1F:\x7F]+`, ['ok'], ['a:b', 'a\u0001']],
    [
      String.raw`[!#$%&'*+-.^_` + '`' + String.raw`|~0-9a-zA-Z]+`,
      ['a+b-c.d^e', 'a,b'],
      ['a/b', 'a(b'],
    ],
    [
      String.raw`[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`,
      ['arn:aws:iam::000000000000:role/r'],
      ['\u0001'],
    ],
  ])('%s', (pattern, matching, notMatching) => {
    const regex = compilePattern(pattern);
    expect(regex).toBeInstanceOf(RegExp);
    for (const value of matching)
      expect(regex!.test(value), `${JSON.stringify(value)} should match`).toBe(true);
    for (const value of notMatching)
      expect(regex!.test(value), `${JSON.stringify(value)} should not match`).toBe(false);
  });

  it.each([
    '[a-z&&[^aeiou]]',
    '[a[b]]',
    String.raw`\p{InGreek}`,
    String.raw`\Gabc`,
    'a(?i)b',
    String.raw`\N{LATIN SMALL LETTER A}`,
  ])('%s cannot be expressed', (pattern) => {
    expect(translateJavaPattern(pattern)).toBeUndefined();
    expect(compilePattern(pattern)).toBeUndefined();
  });

  it('returns the same compiled RegExp for the same pattern', () => {
    expect(compilePattern('[a-z]+')).toBe(compilePattern('[a-z]+'));
  });

  it('compiles every pattern of every generated schema', () => {
    const failing: string[] = [];
    let count = 0;
    for (const schema of Object.values(serviceSchemas)) {
      for (const [name, shape] of Object.entries(schema.shapes)) {
        if (shape.type !== 'string' || shape.pattern === undefined) continue;
        count++;
        if (!compilePattern(shape.pattern))
          failing.push(`${schema.name}.${name}: ${shape.pattern}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(failing).toEqual([]);
  });
});
