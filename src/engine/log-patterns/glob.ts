/**
 * `*` wildcards in JSON and space-delimited values (`4*`, `*html*`, `"*Unauthorized*"`).
 *
 * AWS matches them the way tests against the real service show, not as a textbook glob:
 * the text before the first `*` must start the value, each later piece is found at its
 * first occurrence after the previous one, and when the pattern does not end in `*` that
 * first occurrence of the last piece must also end the value. So `*111.111.111` does not
 * match `111.111.111.111` (the piece is first found at 0) while `*.111.111.111` does, and
 * `1*3` matches `123`. There is no way to write a literal `*`.
 */
export type TextTest = (value: string) => boolean;

export function compileGlob(pattern: string): TextTest {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  if (middle.length === 0 && last === '') {
    return first === '' ? () => true : (value) => value.startsWith(first);
  }
  return (value) => {
    if (!value.startsWith(first)) return false;
    let pos = first.length;
    for (const piece of middle) {
      const at = value.indexOf(piece, pos);
      if (at < 0) return false;
      pos = at + piece.length;
    }
    if (last === '') return true;
    const at = value.indexOf(last, pos);
    return at >= 0 && at + last.length === value.length;
  };
}
