import { describe, expect, it } from 'vitest';
import { type MatchCase, matches } from './helpers.js';

const prefix: MatchCase[] = [
  ['a prefix', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
  ['the whole value', { time: [{ prefix: '2017' }] }, { time: '2017' }, true],
  ['another prefix', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T00:00:00Z' }, false],
  ['prefix is case sensitive', { r: [{ prefix: 'us-' }] }, { r: 'US-east-1' }, false],
  ['prefix needs a string, not a number', { n: [{ prefix: '12' }] }, { n: 123 }, false],
  ['prefix of null', { n: [{ prefix: 'nu' }] }, { n: null }, false],
  ['an empty prefix matches any string', { n: [{ prefix: '' }] }, { n: 'anything' }, true],
  ['an empty prefix matches the empty string', { n: [{ prefix: '' }] }, { n: '' }, true],
  ['an empty prefix does not match a number', { n: [{ prefix: '' }] }, { n: 1 }, false],
  ['a prefix on a missing field', { n: [{ prefix: '' }] }, {}, false],
  ['a prefix longer than the value', { r: [{ prefix: 'us-east-1a' }] }, { r: 'us-east-1' }, false],
  // Ruler compares `"prefix` with `"value"`, so a quote may end a prefix.
  [
    'a prefix ending in a quote matches the whole value',
    { r: [{ prefix: 'ab"' }] },
    { r: 'ab' },
    true,
  ],
  ['a prefix ending in a quote, value longer', { r: [{ prefix: 'ab"' }] }, { r: 'abc' }, false],
  [
    'a prefix on an element of an event array',
    { r: [{ prefix: 'arn:aws:ecs' }] },
    { r: ['x', 'arn:aws:ecs:1'] },
    true,
  ],
  [
    'prefix ignoring case',
    { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
    { service: 'eventbridge' },
    true,
  ],
  [
    'prefix ignoring case, upper',
    { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
    { service: 'EVENTBRIDGE' },
    true,
  ],
  [
    'prefix ignoring case, other letters',
    { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
    { service: 'eventc' },
    false,
  ],
  [
    'prefix ignoring case, not a string',
    { n: [{ prefix: { 'equals-ignore-case': '1' } }] },
    { n: 1 },
    false,
  ],
];

const suffix: MatchCase[] = [
  ['a suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
  ['another suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.jpg' }, false],
  [
    'suffix is case sensitive',
    { FileName: [{ suffix: '.png' }] },
    { FileName: 'image.PNG' },
    false,
  ],
  ['suffix needs a string', { n: [{ suffix: '3' }] }, { n: 123 }, false],
  ['an empty suffix matches any string', { n: [{ suffix: '' }] }, { n: 'x' }, true],
  ['an empty suffix does not match true', { n: [{ suffix: '' }] }, { n: true }, false],
  [
    'a suffix starting with a quote matches the whole value',
    { r: [{ suffix: '"ab' }] },
    { r: 'ab' },
    true,
  ],
  ['a suffix starting with a quote, value longer', { r: [{ suffix: '"ab' }] }, { r: 'cab' }, false],
  [
    'suffix ignoring case',
    { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
    { FileName: 'a.PnG' },
    true,
  ],
  [
    'suffix ignoring case, other ending',
    { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
    { FileName: 'a.pnh' },
    false,
  ],
];

const ignoreCase: MatchCase[] = [
  ['equal ignoring case', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'ALICE' }, true],
  ['mixed case', { name: [{ 'equals-ignore-case': 'AlIcE' }] }, { name: 'aLiCe' }, true],
  ['a different name', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'alicia' }, false],
  ['a longer value', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'alice ' }, false],
  ['not a string', { n: [{ 'equals-ignore-case': 'true' }] }, { n: true }, false],
  ['the empty string', { n: [{ 'equals-ignore-case': '' }] }, { n: '' }, true],
  ['the empty string is not null', { n: [{ 'equals-ignore-case': '' }] }, { n: null }, false],
  ['accented letters', { n: [{ 'equals-ignore-case': 'ÉCOLE' }] }, { n: 'école' }, true],
  [
    'sharp s upper-cases to SS',
    { n: [{ 'equals-ignore-case': 'straße' }] },
    { n: 'STRASSE' },
    true,
  ],
  ['sharp s as itself', { n: [{ 'equals-ignore-case': 'STRAßE' }] }, { n: 'straße' }, true],
  ['greek', { n: [{ 'equals-ignore-case': 'ΣΟΦΙΑ' }] }, { n: 'σοφια' }, true],
  ['regex characters are literal', { n: [{ 'equals-ignore-case': 'a.c' }] }, { n: 'abc' }, false],
  [
    'regex characters match themselves',
    { n: [{ 'equals-ignore-case': 'A.C*' }] },
    { n: 'a.c*' },
    true,
  ],
  // Java turns each half of a surrogate pair into "?" when it builds the pattern.
  ['an emoji never matches itself', { n: [{ 'equals-ignore-case': 'a😀' }] }, { n: 'a😀' }, false],
  ['an emoji matches "??"', { n: [{ 'equals-ignore-case': 'a😀' }] }, { n: 'A??' }, true],
];

const wildcard: MatchCase[] = [
  ['a wildcard in the middle', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/a.png' }, true],
  ['the star matches nothing', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/.png' }, true],
  ['the star matches slashes', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/a/b/c.png' }, true],
  ['a literal part missing', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/a.jpg' }, false],
  ['anchored at the start', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'x/dir/a.png' }, false],
  [
    'several stars',
    { arn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { arn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' },
    true,
  ],
  [
    'several stars, another region',
    { arn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { arn: 'arn:aws:events:us-west-2:123456789012:event-bus/b' },
    false,
  ],
  ['a star alone matches any string', { f: [{ wildcard: '*' }] }, { f: '' }, true],
  ['a star alone does not match a number', { f: [{ wildcard: '*' }] }, { f: 7 }, false],
  ['no star is an exact match', { f: [{ wildcard: 'abc' }] }, { f: 'abc' }, true],
  ['no star, longer value', { f: [{ wildcard: 'abc' }] }, { f: 'abcd' }, false],
  ['an escaped star is a star', { f: [{ wildcard: 'a\\*b' }] }, { f: 'a*b' }, true],
  ['an escaped star is not a wildcard', { f: [{ wildcard: 'a\\*b' }] }, { f: 'axb' }, false],
  ['an escaped backslash', { f: [{ wildcard: 'a\\\\*' }] }, { f: 'a\\xyz' }, true],
  [
    'repeated segments after the star',
    { f: [{ wildcard: '/Users/*/dir/dir/doc.txt' }] },
    { f: '/Users/me/dir/dir/dir/doc.txt' },
    true,
  ],
  ['segments must not overlap', { f: [{ wildcard: 'ab*ba' }] }, { f: 'aba' }, false],
  ['segments end to end', { f: [{ wildcard: 'ab*ba' }] }, { f: 'abba' }, true],
  ['middle segments in order', { f: [{ wildcard: '*a*b*' }] }, { f: 'xbxa' }, false],
  ['middle segments in order, present', { f: [{ wildcard: '*a*b*' }] }, { f: 'xaxb' }, true],
  ['wildcard is case sensitive', { f: [{ wildcard: '*.PNG' }] }, { f: 'a.png' }, false],
  ['wildcard on an event array', { f: [{ wildcard: '*.png' }] }, { f: ['a.jpg', 'b.png'] }, true],
];

describe.each([
  ['prefix', prefix],
  ['suffix', suffix],
  ['equals-ignore-case', ignoreCase],
  ['wildcard', wildcard],
] as const)('%s', (_, cases) => {
  it.each(cases)('%s', (__, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });
});
