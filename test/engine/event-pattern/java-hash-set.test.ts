import { describe, expect, it } from 'vitest';
import { javaHashSetOrder } from '../../../src/engine/event-pattern/java-hash-set.js';

describe('Java HashSet iteration order', () => {
  // Bucket = (h ^ h>>>16) & (capacity-1) with Java's String.hashCode.
  it('orders by bucket, then by insertion', () => {
    expect(javaHashSetOrder(['"b**"', '"a\\x"'])).toEqual(['"a\\x"', '"b**"']);
    expect(javaHashSetOrder(['"a\\x"', '"zz**"'])).toEqual(['"zz**"', '"a\\x"']);
    expect(javaHashSetOrder(['b', 'a', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('drops duplicates', () => {
    expect(javaHashSetOrder(['a', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('grows past twelve values, which changes the buckets', () => {
    // In 16 buckets 'q' (113) sits in bucket 1, before 'b' (98) in bucket 2; in 32
    // buckets 'q' moves to bucket 17, after 'b'.
    const few = ['q', 'b', 'c'];
    expect(javaHashSetOrder(few)).toEqual(['q', 'b', 'c']);
    const many = ['q', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'];
    const order = javaHashSetOrder(many);
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('q'));
    expect(order).toHaveLength(13);
  });
});
