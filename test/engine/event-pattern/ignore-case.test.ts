import { describe, expect, it } from 'vitest';
import {
  equalsIgnoreCase,
  prefixIgnoreCase,
  suffixIgnoreCase,
} from '../../../src/engine/event-pattern/ignore-case.js';
import { Rng } from '../../helpers/rng.js';

/** The regular expressions the matchers replaced: the reference on short texts. */
function source(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      out += '\\?';
      continue;
    }
    const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    const lower = value[i]!.toLowerCase();
    const upper = value[i]!.toUpperCase();
    out += lower === upper ? esc(lower) : `(?:${esc(lower)}|${esc(upper)})`;
  }
  return out;
}
const reference = {
  equals: (p: string, s: string) => new RegExp(`^${source(p)}$`).test(s),
  prefix: (p: string, s: string) => new RegExp(`^${source(p)}`).test(`${s}"`),
  suffix: (p: string, s: string) => new RegExp(`${source(p)}$`).test(`"${s}`),
};

describe('ignore-case matching without regular expressions', () => {
  it('agrees with the regular expressions it replaced', () => {
    const rng = new Rng(0x1c);
    const letters = ['a', 'A', 'ß', 'S', 's', 'ǅ', 'ǆ', '"', '😀', 'İ', 'i'];
    const pick = (n: number) =>
      Array.from({ length: rng.int(0, n - 1) }, () => rng.pick(letters)).join('');
    for (let k = 0; k < 20_000; k++) {
      const pattern = pick(5);
      const text = pick(7);
      expect(equalsIgnoreCase(pattern)(text), `equals ${pattern} ~ ${text}`).toBe(
        reference.equals(pattern, text),
      );
      expect(prefixIgnoreCase(pattern)(text), `prefix ${pattern} ~ ${text}`).toBe(
        reference.prefix(pattern, text),
      );
      expect(suffixIgnoreCase(pattern)(text), `suffix ${pattern} ~ ${text}`).toBe(
        reference.suffix(pattern, text),
      );
    }
  });

  it('answers a long pattern against a long value', () => {
    const value = 'a'.repeat(200_000);
    const pattern = `${'A'.repeat(4000)}b`;
    expect(suffixIgnoreCase(pattern)(value)).toBe(false);
    expect(prefixIgnoreCase(pattern)(value)).toBe(false);
    expect(equalsIgnoreCase(pattern)(value)).toBe(false);
    expect(suffixIgnoreCase('A'.repeat(4000))(value)).toBe(true);
  });
});
