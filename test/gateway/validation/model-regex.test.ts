import { describe, expect, it } from 'vitest';
import { serviceSchemas } from '../../../src/gateway/generated/index.js';
import {
  compileModelPattern,
  REVIEWED_LOOKAROUND,
} from '../../../src/gateway/validation/model-regex.js';
import { compilePattern, translateJavaPattern } from '../../../src/gateway/validation/pattern.js';
import { compileLinearRegex } from '../../../src/engine/linear-regex/index.js';
import { toRe2Syntax } from '../../../src/gateway/validation/model-regex.js';

function modelPatterns(): Array<[string, string]> {
  const found = new Map<string, string>();
  for (const schema of Object.values(serviceSchemas)) {
    for (const [name, shape] of Object.entries(schema.shapes)) {
      if (shape.type === 'string' && shape.pattern !== undefined) {
        found.set(shape.pattern, `${schema.name}.${name}`);
      }
    }
  }
  return [...found].map(([pattern, where]) => [where, pattern]);
}

/** Values from the characters a pattern names, plus the usual suspects. */
function samples(pattern: string, seed: number): string[] {
  const letters = [...new Set([...pattern, 'a', 'Z', '0', ' ', '\t', '\n', 'é', '😀', ':', '/'])];
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff);
  const out = ['', 'a', 'arn:aws:iam::123456789012:role/x'];
  for (let k = 0; k < 300; k++) {
    out.push(Array.from({ length: next() % 12 }, () => letters[next() % letters.length]).join(''));
  }
  return out;
}

describe('model patterns on RE2', () => {
  it('runs every model pattern on RE2, but the reviewed lookaround ones', () => {
    const patterns = modelPatterns();
    expect(patterns.length).toBeGreaterThan(100);
    const notOnRe2: string[] = [];
    for (const [where, pattern] of patterns) {
      const translated = translateJavaPattern(pattern)!;
      try {
        compileLinearRegex(toRe2Syntax(`^(?:${translated.source})$`), { maxProgramSize: 200_000 });
      } catch {
        notOnRe2.push(`${where}: ${pattern}`);
      }
    }
    // A new pattern RE2 cannot read must be reviewed for bounded backtracking and listed.
    expect(notOnRe2.map((line) => line.replace(/^[^:]+: /, '')).sort()).toEqual(
      [...REVIEWED_LOOKAROUND].sort(),
    );
  });

  it.each(modelPatterns())('%s agrees with the JavaScript translation', (_where, pattern) => {
    const linear = compileModelPattern(pattern);
    const reference = compilePattern(pattern);
    expect(linear).toBeDefined();
    for (const value of samples(pattern, pattern.length)) {
      expect(linear!.test(value), JSON.stringify(value)).toBe(reference!.test(value));
    }
  });

  it('answers the pattern that backtracks for seconds in JavaScript at once', () => {
    const pattern = String.raw`^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$`;
    const regex = compileModelPattern(pattern)!;
    expect(regex.test(`${'a '.repeat(5000)}:`)).toBe(false);
    expect(regex.test(`${'a '.repeat(5000)}b`)).toBe(true);
  });
});
