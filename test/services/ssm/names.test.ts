import { describe, expect, it } from 'vitest';
import {
  checkNewName,
  parameterArn,
  parameterKey,
  parseReference,
} from '../../../src/services/ssm/parameters/names.js';
import { isValidLabel } from '../../../src/services/ssm/parameters/labels.js';
import { ServiceError } from '../../../src/services/error.js';

const scope = { accountId: '123456789012', region: 'eu-west-1' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof ServiceError ? error.code : 'not a ServiceError';
  }
}

describe('parameter names', () => {
  it.each([
    ['foo', 'foo', 'arn:aws:ssm:eu-west-1:123456789012:parameter/foo'],
    ['/foo', 'foo', 'arn:aws:ssm:eu-west-1:123456789012:parameter/foo'],
    ['/a/b/c', '/a/b/c', 'arn:aws:ssm:eu-west-1:123456789012:parameter/a/b/c'],
    ['a.b-c_d', 'a.b-c_d', 'arn:aws:ssm:eu-west-1:123456789012:parameter/a.b-c_d'],
  ])('%s is stored as %s with ARN %s', (name, key, arn) => {
    expect(checkNewName(name)).toBe(name);
    expect(parameterKey(name)).toBe(key);
    expect(parameterArn(scope, name)).toBe(arn);
  });

  it.each([
    ['  spaced  ', undefined],
    ['a/b', 'ValidationException'],
    ['/a//b', 'ValidationException'],
    ['/a/', 'ValidationException'],
    ['has space', 'ValidationException'],
    ['semi;colon', 'ValidationException'],
    ['awsname', 'ValidationException'],
    ['/AWS', 'ValidationException'],
    ['ssm', 'ValidationException'],
    ['/ssm/x', 'ValidationException'],
    ['/aws/x', 'AccessDeniedException'],
    ['/l'.repeat(15), undefined],
    ['/l'.repeat(16), 'HierarchyLevelLimitExceededException'],
    ['x'.repeat(1011), undefined],
    ['x'.repeat(1012), 'ValidationException'],
  ])('checkNewName(%j) → %s', (name, code) => {
    expect(codeOf(() => checkNewName(name))).toBe(code);
  });

  it.each([
    ['foo', { name: 'foo', key: 'foo' }],
    ['/a/b:3', { name: '/a/b', key: '/a/b', selector: { version: 3 }, selectorText: '3' }],
    ['foo:prod', { name: 'foo', key: 'foo', selector: { label: 'prod' }, selectorText: 'prod' }],
    ['arn:aws:ssm:eu-west-1:123456789012:parameter/a/b', { name: '/a/b', key: '/a/b' }],
    [
      'arn:aws:ssm:eu-west-1:123456789012:parameter/foo:2',
      { name: 'foo', key: 'foo', selector: { version: 2 }, selectorText: '2' },
    ],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/foo', undefined],
  ])('parseReference(%j)', (text, expected) => {
    expect(parseReference(scope, text)).toEqual(expected);
  });

  it.each(['foo:', 'foo:a:b', 'a/b:1'])('refuses the reference %j', (text) => {
    expect(codeOf(() => parseReference(scope, text))).toBe('ValidationException');
  });
});

describe('labels', () => {
  it.each([
    ['prod', true],
    ['Release-1.2_b', true],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
    ['1st', false],
    ['awsy', false],
    ['AWS', false],
    ['ssmLabel', false],
    ['with space', false],
    ['slash/label', false],
    ['', false],
  ])('%j is valid: %s', (label, valid) => {
    expect(isValidLabel(label)).toBe(valid);
  });
});
