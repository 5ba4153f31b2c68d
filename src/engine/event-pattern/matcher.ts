import { type Leaf, type Membership, join, leavesAt } from './event-leaves.js';
import type { SubRule } from './patterns.js';
import { type Predicate, predicate } from './predicates.js';

interface Field {
  /** Index into the pattern's list of paths, so leaves are looked up once per event. */
  readonly path: number;
  readonly tests: readonly Predicate[];
  /** `{"exists": false}` is among the field's patterns. */
  readonly absent: boolean;
}

/**
 * Matching as ruler's array-consistent finder does it: a sub-rule's fields are taken in
 * sorted order (Java's String order, which is UTF-16 order as in JavaScript); each picks a
 * leaf that agrees, array element by array element, with the leaves picked before it. An
 * absent field is absent when no such agreeing leaf exists, so what "absent" means inside
 * an array depends on the fields sorted before it, exactly as on AWS.
 */
export class Matcher {
  private readonly paths: string[] = [];
  private readonly rules: (readonly Field[])[];

  constructor(rules: readonly SubRule[]) {
    const index = new Map<string, number>();
    this.rules = rules.map((rule) =>
      [...rule.keys()].sort().map((name) => {
        let path = index.get(name);
        if (path === undefined) {
          path = this.paths.length;
          index.set(name, path);
          this.paths.push(name);
        }
        const patterns = rule.get(name)!;
        return {
          path,
          tests: patterns.filter((p) => p.kind !== 'absent').map(predicate),
          absent: patterns.some((p) => p.kind === 'absent'),
        };
      }),
    );
  }

  matches(event: unknown): boolean {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
    const found: (Leaf[] | undefined)[] = new Array<Leaf[] | undefined>(this.paths.length);
    const leaves = (path: number): Leaf[] => (found[path] ??= leavesAt(event, this.paths[path]!));
    return this.rules.some((fields) => satisfy(fields, 0, [], leaves));
  }
}

function satisfy(
  fields: readonly Field[],
  i: number,
  membership: Membership,
  leaves: (path: number) => Leaf[],
): boolean {
  const field = fields[i];
  if (field === undefined) return true;
  const candidates = leaves(field.path);
  if (field.absent && !candidates.some((l) => join(membership, l.membership) !== undefined)) {
    if (satisfy(fields, i + 1, membership, leaves)) return true;
  }
  for (const leaf of candidates) {
    const joined = join(membership, leaf.membership);
    if (joined === undefined || !field.tests.some((test) => test(leaf))) continue;
    if (satisfy(fields, i + 1, joined, leaves)) return true;
  }
  return false;
}
