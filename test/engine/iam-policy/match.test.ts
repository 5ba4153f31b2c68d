import { describe, expect, it } from 'vitest';
import { matchesArnPattern } from '../../../src/engine/iam-policy/index.js';
import { matchesAction } from '../../../src/engine/iam-policy/match.js';
import { Rng } from '../../helpers/rng.js';

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

describe('matchesArnPattern', () => {
  const cases: Array<[string, string, boolean]> = [
    // ECS authorises RunTask against the revision-qualified ARN.
    [`${TD}/scheduler`, `${TD}/scheduler:5`, false],
    [`${TD}/scheduler`, `${TD}/scheduler`, true],
    [`${TD}/scheduler:*`, `${TD}/scheduler:5`, true],
    [`${TD}/scheduler:5`, `${TD}/scheduler:5`, true],
    [`${TD}/scheduler:5`, `${TD}/scheduler:50`, false],
    [`${TD}/*`, `${TD}/scheduler:5`, true],
    [`${TD}/sched*`, `${TD}/scheduler:5`, true],
    [`${TD}/scheduler:?`, `${TD}/scheduler:5`, true],
    [`${TD}/scheduler:?`, `${TD}/scheduler:15`, false],
    [`${TD}/scheduler*`, `${TD}/scheduler-two:1`, true],
    [`${TD}/Scheduler:*`, `${TD}/scheduler:5`, false],
    ['*', `${TD}/scheduler:5`, true],
    ['arn:aws:ecs:*', `${TD}/scheduler:5`, true],
    ['arn:aws:ecs:*:*:task-definition/scheduler:*', `${TD}/scheduler:5`, true],
    ['arn:aws:ecs:*:123456789012:*', `${TD}/scheduler:5`, true],
    ['arn:aws:ecs:us-west-2:*:*', `${TD}/scheduler:5`, false],
    ['arn:aws:ecs:*:999999999999:*', `${TD}/scheduler:5`, false],
    // A wildcard in the region stays in the region.
    ['arn:aws:ecs:*:task-definition/scheduler:5', `${TD}/scheduler:5`, false],
    ['arn:aws:ecs:us-*-1:123456789012:task-definition/*', `${TD}/scheduler:5`, true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.txt', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket-logs/x', true],
    ['arn:aws:s3:::bucket/*/x', 'arn:aws:s3:::bucket/a:b/x', true],
    ['arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/ops/Deployer', true],
    ['arn:aws:iam::123456789012:role/Deployer', 'arn:aws:iam::123456789012:role/deployer', false],
    [
      'arn:aws:logs:*:*:log-group:/ecs-scheduler:*',
      'arn:aws:logs:us-east-1:1:log-group:/ecs-scheduler:log-stream:x',
      true,
    ],
    [
      'arn:aws:logs:*:*:log-group:/ecs-scheduler',
      'arn:aws:logs:us-east-1:1:log-group:/ecs-scheduler:*',
      false,
    ],
    ['arn:aws:s3:::a.b', 'arn:aws:s3:::aXb', false],
    ['arn:aws:s3:::a+b', 'arn:aws:s3:::a+b', true],
    ['arn:aws:s3:::(x)', 'arn:aws:s3:::(x)', true],
    ['arn:aws:ecs:us-east-1:123456789012:cluster/default', '*', false],
  ];

  it.each(cases)('%s vs %s → %s', (pattern, arn, expected) => {
    expect(matchesArnPattern(pattern, arn)).toBe(expected);
  });
});

describe('action matching', () => {
  const cases: Array<[string, string, boolean]> = [
    ['ecs:RunTask', 'ecs:RunTask', true],
    ['ecs:runtask', 'ecs:RunTask', true],
    ['ECS:RUNTASK', 'ecs:RunTask', true],
    ['ecs:*', 'ecs:RunTask', true],
    ['ecs:Run*', 'ecs:RunTask', true],
    ['ecs:*Task', 'ecs:StopTask', true],
    ['ecs:?unTask', 'ecs:RunTask', true],
    ['ecs:Run', 'ecs:RunTask', false],
    ['ec2:*', 'ecs:RunTask', false],
    ['*', 'iam:PassRole', true],
    ['iam:Pass*', 'iam:PassRole', true],
    ['iam:PassRole', 'iam:GetRole', false],
  ];

  it.each(cases)('%s vs %s → %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });
});

describe('ARN wildcards, matched without backtracking', () => {
  it('answers the nested-star pattern against a long ARN', () => {
    const arn = `arn:aws:s3:::${'a'.repeat(2000)}`;
    expect(matchesArnPattern(`arn:aws:s3:::${'*a'.repeat(60)}*b`, arn)).toBe(false);
    expect(matchesArnPattern(`arn:aws:s3:::${'*a'.repeat(60)}*`, arn)).toBe(true);
    expect(matchesArnPattern(`${'*:'.repeat(5)}${'*a'.repeat(60)}*b`, arn)).toBe(false);
  });

  it('agrees with the segment-aware regular expression it replaced', () => {
    // The former translation: a wildcard in the first five segments stays out of `:`.
    const reference = (pattern: string, text: string) => {
      const segmented = pattern.split(':').length - 1 >= 5;
      let colons = 0;
      let source = '';
      for (const ch of pattern) {
        const inSegment = segmented && colons < 5;
        if (ch === '*') source += inSegment ? '[^:]*' : '.*';
        else if (ch === '?') source += inSegment ? '[^:]' : '.';
        else {
          if (ch === ':') colons += 1;
          source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
      }
      return new RegExp(`^${source}$`, 's').test(text);
    };
    const rng = new Rng(0xa11);
    const pick = (n: number, letters: string) =>
      Array.from({ length: rng.int(0, n - 1) }, () => rng.pick([...letters])).join('');
    for (let k = 0; k < 20_000; k++) {
      const pattern = pick(14, 'a::*?/');
      const text = pick(12, 'a::/');
      expect(matchesArnPattern(pattern, text), `${pattern} ~ ${text}`).toBe(
        reference(pattern, text),
      );
    }
  });
});
