/**
 * What changed between two task definition revisions: a line diff of their pretty JSON
 * (longest common subsequence) and the paths of the fields that differ. Keys are sorted
 * first, so two revisions registered with their fields in another order differ only
 * where their values do.
 */

export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
}

/** Beyond this many cells the LCS table is too big for a page: lines are replaced whole. */
const MAX_CELLS = 4_000_000;

/** JSON with object keys in order, two spaces a level, as the diff compares it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

/** `from`'s lines turned into `to`'s: kept, removed (del) and added (add), in order. */
export function diffLines(from: string[], to: string[]): DiffLine[] {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from[endFrom - 1] === to[endTo - 1]) {
    endFrom--;
    endTo--;
  }
  const same = (lines: string[]) => lines.map((text): DiffLine => ({ kind: 'same', text }));
  return [
    ...same(from.slice(0, start)),
    ...middle(from.slice(start, endFrom), to.slice(start, endTo)),
    ...same(from.slice(endFrom)),
  ];
}

function middle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) {
    return [
      ...a.map((text): DiffLine => ({ kind: 'del', text })),
      ...b.map((text): DiffLine => ({ kind: 'add', text })),
    ];
  }
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ kind: 'del', text: a[i++] ?? '' });
    } else {
      out.push({ kind: 'add', text: b[j++] ?? '' });
    }
  }
  while (i < n) out.push({ kind: 'del', text: a[i++] ?? '' });
  while (j < m) out.push({ kind: 'add', text: b[j++] ?? '' });
  return out;
}

/**
 * The paths of the fields whose values differ, `containerDefinitions[name=app].image`
 * style: list items that all carry a distinct `name` are matched by it (a container
 * moved in the list is not a change), other lists by position.
 */
export function changedPaths(from: unknown, to: unknown, path = ''): string[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => changedPaths(from[k], to[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const fromNamed = namedItems(from);
    const toNamed = namedItems(to);
    if (fromNamed && toNamed) {
      const names = [...new Set([...fromNamed.keys(), ...toNamed.keys()])];
      return names.flatMap((name) =>
        changedPaths(fromNamed.get(name), toNamed.get(name), `${path}[name=${name}]`),
      );
    }
    const length = Math.max(from.length, to.length);
    return Array.from({ length }, (_, i) => changedPaths(from[i], to[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [path || '(whole document)'];
}

/** Items by their `name`, when every item is an object with a distinct string name. */
function namedItems(items: unknown[]): Map<string, unknown> | undefined {
  const byName = new Map<string, unknown>();
  for (const item of items) {
    if (!isObject(item) || typeof item.name !== 'string' || byName.has(item.name)) {
      return undefined;
    }
    byName.set(item.name, item);
  }
  return items.length > 0 ? byName : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
