/**
 * The order a java.util.HashSet<String> iterates its values. Ruler keeps some value lists
 * in a HashSet and validates them in that order, so when several values are bad, which one
 * AWS names depends on it.
 */

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function javaHashSetOrder(values: readonly string[]): string[] {
  const unique: string[] = [];
  const seen = new Set<string>();
  let capacity = 16;
  for (const v of values) {
    if (seen.has(v)) continue;
    seen.add(v);
    unique.push(v);
    if (unique.length > capacity * 0.75) capacity *= 2;
  }
  // HashMap spreads the hash; a bucket keeps insertion order, also across resizes.
  const bucket = (v: string): number => {
    const h = javaHash(v);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return unique
    .map((v, i) => ({ v, i, b: bucket(v) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.v);
}
