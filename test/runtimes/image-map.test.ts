import { describe, expect, it } from 'vitest';
import { resolveImage, wildcardMatches } from '../../src/runtimes/image-map.js';

const map = (...entries: [string, string][]) =>
  entries.map(([pattern, target]) => ({ pattern, target }));

describe('resolveImage', () => {
  const cases: {
    name: string;
    map: [string, string][];
    image: string;
    want: string | undefined;
  }[] = [
    { name: 'empty map', map: [], image: 'php:8.2', want: undefined },
    { name: 'exact match', map: [['php:8.2', '/a']], image: 'php:8.2', want: '/a' },
    { name: 'exact is whole-string', map: [['php', '/a']], image: 'php:8.2', want: undefined },
    { name: 'case-sensitive', map: [['PHP:8.2', '/a']], image: 'php:8.2', want: undefined },
    {
      name: 'no normalisation',
      map: [['php:8.2', '/a']],
      image: 'docker.io/library/php:8.2',
      want: undefined,
    },
    { name: 'star matches all', map: [['*', '/any']], image: 'a/b/c:d', want: '/any' },
    {
      name: 'star spans slash and colon',
      map: [['acct.dkr.ecr.*/app*', '/a']],
      image: 'acct.dkr.ecr.us-east-1.amazonaws.com/app:v1',
      want: '/a',
    },
    { name: 'star matches empty run', map: [['app:*', '/a']], image: 'app:', want: '/a' },
    { name: 'leading star', map: [['*:latest', '/a']], image: 'nginx:latest', want: '/a' },
    {
      name: 'leading star misses',
      map: [['*:latest', '/a']],
      image: 'nginx:1.25',
      want: undefined,
    },
    { name: 'middle stars', map: [['a*b*c', '/a']], image: 'aXbYbZc', want: '/a' },
    { name: 'middle stars miss', map: [['a*b*c', '/a']], image: 'aXcYb', want: undefined },
    { name: 'parts may not overlap', map: [['ab*ba', '/a']], image: 'aba', want: undefined },
    {
      name: 'exact beats wildcard listed first',
      map: [
        ['php:*', '/w'],
        ['php:8.2', '/e'],
      ],
      image: 'php:8.2',
      want: '/e',
    },
    {
      name: 'longer literal wins',
      map: [
        ['*', '/any'],
        ['repo/*', '/repo'],
        ['repo/app:*', '/app'],
      ],
      image: 'repo/app:v2',
      want: '/app',
    },
    {
      name: 'longer literal wins regardless of order',
      map: [
        ['repo/app:*', '/app'],
        ['repo/*', '/repo'],
      ],
      image: 'repo/app:v2',
      want: '/app',
    },
    {
      name: 'fallback to less specific',
      map: [
        ['repo/app:*', '/app'],
        ['repo/*', '/repo'],
      ],
      image: 'repo/web:v2',
      want: '/repo',
    },
    {
      name: 'tie keeps map order',
      map: [
        ['a*', '/first'],
        ['*a', '/second'],
      ],
      image: 'aa',
      want: '/first',
    },
    {
      name: 'stars do not count as literal',
      map: [
        ['**x', '/stars'],
        ['yx*', '/lit'],
      ],
      image: 'yx',
      want: '/lit',
    },
    {
      name: 'regex characters are literal',
      map: [['app.v1+*', '/a']],
      image: 'appXv1+z',
      want: undefined,
    },
    {
      name: 'regex characters match themselves',
      map: [['app.v1+*', '/a']],
      image: 'app.v1+z',
      want: '/a',
    },
    {
      name: 'first exact of duplicates',
      map: [
        ['x', '/1'],
        ['x', '/2'],
      ],
      image: 'x',
      want: '/1',
    },
  ];
  it.each(cases)('$name', ({ map: entries, image, want }) => {
    expect(resolveImage(map(...entries), image)).toBe(want);
  });
});

describe('wildcardMatches', () => {
  it.each([
    ['*', '', true],
    ['a*', 'a', true],
    ['*a*', 'bab', true],
    ['a*a', 'a', false],
    ['a**b', 'ab', true],
    ['x', 'x', true],
    ['x', 'xx', false],
  ] as const)('%s ~ %s is %s', (pattern, text, want) => {
    expect(wildcardMatches(pattern, text)).toBe(want);
  });
});
