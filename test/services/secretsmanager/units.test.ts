import { describe, expect, it } from 'vitest';
import { matchesFilters } from '../../../src/services/secretsmanager/secrets/filters.js';
import { arnMatches, identify } from '../../../src/services/secretsmanager/secrets/names.js';
import { randomPassword } from '../../../src/services/secretsmanager/password/random-password.js';
import type { SecretRecord } from '../../../src/services/secretsmanager/records.js';

const scope = { accountId: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123';

const record: SecretRecord = {
  arn: ARN,
  name: 'prod/db',
  description: 'Primary DatabasePassword for billing',
  tags: [
    { Key: 'env', Value: 'production' },
    { Key: 'team', Value: 'payments' },
  ],
  createdDate: 0,
  lastChangedDate: 0,
  versions: [],
};

describe('secret ids', () => {
  it.each([
    ['prod/db', ['prod/db'], true],
    [ARN, ['prod/db-AbC123', 'prod/db'], true],
    [ARN.slice(0, -7), ['prod/db'], true],
    [`${ARN.slice(0, -7)}-ZZZZZZ`, ['prod/db-ZZZZZZ', 'prod/db'], false],
  ])('%s looks up %j and matches the record: %s', (id, names, matches) => {
    const identity = identify(scope, id);
    expect(identity.names).toEqual(names);
    expect(arnMatches(identity, ARN)).toBe(matches);
  });

  it('names nothing for another region, account, or kind of ARN', () => {
    expect(identify(scope, ARN.replace('eu-west-1', 'us-east-1')).names).toEqual([]);
    expect(identify(scope, ARN.replace('123456789012', '000000000000')).names).toEqual([]);
    expect(identify(scope, 'arn:aws:ssm:eu-west-1:123456789012:parameter/x').names).toEqual([]);
  });
});

describe('ListSecrets filters', () => {
  it.each([
    [{ Key: 'name', Values: ['prod/'] }, true],
    [{ Key: 'name', Values: ['Prod/'] }, false],
    [{ Key: 'name', Values: ['db'] }, false],
    [{ Key: 'name', Values: ['!prod'] }, false],
    [{ Key: 'name', Values: ['!dev'] }, true],
    [{ Key: 'description', Values: ['database'] }, true],
    [{ Key: 'description', Values: ['PASSWORD'] }, true],
    [{ Key: 'description', Values: ['billing primary'] }, true],
    [{ Key: 'description', Values: ['invoice'] }, false],
    [{ Key: 'tag-key', Values: ['te'] }, true],
    [{ Key: 'tag-value', Values: ['prod'] }, true],
    // `!` matches a secret none of whose tags match, not one with some other tag.
    [{ Key: 'tag-value', Values: ['!payments'] }, false],
    [{ Key: 'tag-value', Values: ['!ops'] }, true],
    [{ Key: 'all', Values: ['payments'] }, true],
    [{ Key: 'all', Values: ['PROD'] }, true],
    [{ Key: 'primary-region', Values: ['eu-west-1'] }, false],
    [{ Key: 'owning-service', Values: ['rds'] }, false],
  ] as const)('%j matches: %s', (filter, expected) => {
    expect(matchesFilters(record, [{ Key: filter.Key, Values: [...filter.Values] }])).toBe(
      expected,
    );
  });

  it('needs every filter to match', () => {
    expect(
      matchesFilters(record, [
        { Key: 'name', Values: ['prod/'] },
        { Key: 'tag-key', Values: ['nope'] },
      ]),
    ).toBe(false);
  });
});

describe('random passwords', () => {
  it('spreads characters over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++)
      for (const c of randomPassword({ PasswordLength: 100 })) seen.add(c);
    // 26 + 26 + 10 + 32 printable characters are possible; a biased draw would miss many.
    expect(seen.size).toBeGreaterThan(90);
  });

  it.each([
    [{ PasswordLength: 3 }, 'InvalidParameterException'],
    [{ PasswordLength: 3, RequireEachIncludedType: false }, undefined],
    [
      {
        ExcludeLowercase: true,
        ExcludeUppercase: true,
        ExcludeNumbers: true,
        ExcludePunctuation: true,
      },
      'InvalidParameterException',
    ],
  ])('%j → %s', (input, code) => {
    let thrown: string | undefined;
    try {
      randomPassword(input);
    } catch (error) {
      thrown = (error as { code: string }).code;
    }
    expect(thrown).toBe(code);
  });
});
