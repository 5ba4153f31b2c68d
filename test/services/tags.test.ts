/** The tag merge every service shares, with each service's casing, limit and order. */
import { describe, expect, it } from 'vitest';
import { mergeTags, type TagMerge } from '../../src/services/tags.js';

interface Tag {
  Key: string;
  Value: string;
}

const t = (Key: string, Value: string): Tag => ({ Key, Value });
const exact: TagMerge<Tag> = { keyOf: (tag) => tag.Key };
const iam: TagMerge<Tag> = { keyOf: (tag) => tag.Key.toLowerCase(), retagged: 'last' };

describe('mergeTags', () => {
  it.each([
    ['appends a new key', exact, [t('a', '1')], [t('b', '2')], [t('a', '1'), t('b', '2')]],
    [
      'replaces a known key in place',
      exact,
      [t('a', '1'), t('b', '2')],
      [t('a', '3')],
      [t('a', '3'), t('b', '2')],
    ],
    [
      'keeps keys differing in case apart when case matters',
      exact,
      [t('a', '1')],
      [t('A', '2')],
      [t('a', '1'), t('A', '2')],
    ],
    [
      'takes the case last written and moves the key last (IAM)',
      iam,
      [t('a', '1'), t('b', '2')],
      [t('A', '3')],
      [t('b', '2'), t('A', '3')],
    ],
    [
      'lets a key repeated in one request end with its last value',
      exact,
      [],
      [t('a', '1'), t('a', '2')],
      [t('a', '2')],
    ],
    ['keeps the tags when nothing is added', exact, [t('a', '1')], [], [t('a', '1')]],
  ])('%s', (_name, rules, existing, incoming, expected) => {
    expect(mergeTags(existing, incoming, rules)).toEqual(expected);
  });

  it('never changes the tags it is given', () => {
    const existing = [t('a', '1')];
    const incoming = [t('a', '2')];
    const merged = mergeTags(existing, incoming, exact);
    merged[0]!.Value = 'changed';
    expect(existing).toEqual([t('a', '1')]);
    expect(incoming).toEqual([t('a', '2')]);
  });

  it("fails with the service's own error past its limit, and not at it", () => {
    const limit = { max: 2, exceeded: () => new Error('too many tags') };
    expect(mergeTags([t('a', '1')], [t('b', '2')], { ...exact, limit })).toHaveLength(2);
    expect(() => mergeTags([t('a', '1'), t('b', '2')], [t('c', '3')], { ...exact, limit })).toThrow(
      'too many tags',
    );
    // A key tagged again does not count twice.
    expect(mergeTags([t('a', '1'), t('b', '2')], [t('a', '3')], { ...exact, limit })).toHaveLength(
      2,
    );
  });
});
