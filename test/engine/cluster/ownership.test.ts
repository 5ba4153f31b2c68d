/** Rendezvous hashing: which live runner fires an entry. */
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../src/engine/cluster/ownership.js';

const keys = Array.from({ length: 3000 }, (_, i) => `rule|000000000000|us-east-1|default|r${i}`);

describe('ownerOf', () => {
  it.each([
    { view: [], key: 'k', owner: undefined },
    { view: ['n1#1'], key: 'k', owner: 'n1#1' },
    { view: ['n1#1'], key: '', owner: 'n1#1' },
  ])('$view owns $key: $owner', ({ view, key, owner }) => {
    expect(ownerOf(view, key)).toBe(owner);
  });

  it.each([
    { view: ['n1#1', 'n2#2'] },
    { view: ['n1#1', 'n2#2', 'n3#3'] },
    { view: ['a#10', 'b#11', 'c#12', 'd#13', 'e#14'] },
  ])('spreads entries evenly over $view', ({ view }) => {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const owner = ownerOf(view, key) as string;
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...view].sort());
    const fair = keys.length / view.length;
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(fair * 0.85);
      expect(count).toBeLessThan(fair * 1.15);
    }
  });

  it('is the same whatever the order of the view', () => {
    for (const key of keys.slice(0, 200)) {
      expect(ownerOf(['n3#3', 'n1#1', 'n2#2'], key)).toBe(ownerOf(['n1#1', 'n2#2', 'n3#3'], key));
    }
  });

  it.each([
    { before: ['n1#1', 'n2#2', 'n3#3'], after: ['n1#1', 'n3#3'], moved: 'n2#2' },
    { before: ['n1#1', 'n2#2', 'n3#3'], after: ['n1#1', 'n2#2'], moved: 'n3#3' },
  ])('when $moved goes, only its entries move', ({ before, after, moved }) => {
    let movedCount = 0;
    for (const key of keys) {
      const was = ownerOf(before, key);
      const now = ownerOf(after, key);
      if (was === moved) {
        movedCount += 1;
        expect(after).toContain(now);
      } else expect(now).toBe(was);
    }
    expect(movedCount).toBeGreaterThan(0);
  });

  it('a new incarnation of a node takes a share from every runner, not its old entries as such', () => {
    const before = ['n1#1', 'n2#2', 'n3#3'];
    const after = ['n1#1', 'n2#2', 'n3#4'];
    const kept = keys.filter((key) => {
      const was = ownerOf(before, key);
      return was !== 'n3#3' && ownerOf(after, key) === was;
    }).length;
    const taken = keys.filter((key) => ownerOf(after, key) === 'n3#4').length;
    expect(kept).toBeGreaterThan(0);
    expect(taken).toBeGreaterThan(keys.length * 0.25);
  });
});
