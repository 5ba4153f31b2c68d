/**
 * Wildcard values: `*` stands for any run of characters (empty included), `\*` for a star
 * and `\\` for a backslash; any other escape, and two stars in a row, are refused with the
 * UTF-8 byte position ruler reports (counted in the value wrapped in its JSON quotes).
 */

/** Ruler's WildcardParser error for `value`, or undefined when the value is valid. */
export function wildcardProblem(value: string): string | undefined {
  const bytes = Buffer.from(`"${value}"`, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2a) {
      if (bytes[i + 1] === 0x2a) return `Consecutive wildcard characters at pos ${i}`;
    } else if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next !== 0x2a && next !== 0x5c) return `Invalid escape character at pos ${i}`;
      i++;
    }
  }
  return undefined;
}

/** The literal runs between stars; a valid value has n stars and n + 1 runs. */
export function wildcardSegments(value: string): string[] {
  const segments: string[] = [];
  let run = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      run += value[++i] ?? '';
    } else if (c === '*') {
      segments.push(run);
      run = '';
    } else {
      run += c;
    }
  }
  segments.push(run);
  return segments;
}

/**
 * A matcher for a valid wildcard value. The runs are found left to right (the leftmost
 * place is always the right choice for a glob), so a match costs at most one scan per run.
 */
export function wildcardMatcher(value: string): (s: string) => boolean {
  const segments = wildcardSegments(value);
  if (segments.length === 1) {
    const only = segments[0]!;
    return (s) => s === only;
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((m) => m !== '');
  const fixed = first.length + last.length;
  return (s) => {
    if (s.length < fixed || !s.startsWith(first) || !s.endsWith(last)) return false;
    let at = first.length;
    const end = s.length - last.length;
    for (const run of middle) {
      const found = s.indexOf(run, at);
      if (found < 0 || found + run.length > end) return false;
      at = found + run.length;
    }
    return true;
  };
}
