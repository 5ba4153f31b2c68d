import { describe, expect, it } from 'vitest';
import { matches } from './helpers.js';

describe('$or', () => {
  const simple = { $or: [{ source: ['aws.ec2'] }, { source: ['aws.s3'] }] };

  it.each([
    ['aws.ec2', true],
    ['aws.s3', true],
    ['my.app', false],
  ])('top level, source %s', (source, expected) => {
    expect(matches(simple, { source })).toBe(expected);
  });

  it('a field beside $or applies to every branch', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { namespace: ['AWS/EC2', 'AWS/ES'] },
      ],
    };
    expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/S3' })).toBe(false);
    expect(matches(pattern, { source: 'aws.ec2', metricName: 'ReadLatency' })).toBe(false);
  });

  it('a branch can hold several fields (AND inside OR)', () => {
    const pattern = {
      $or: [
        { metricName: ['CPU'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'] },
        { scope: ['Service'] },
      ],
    };
    expect(matches(pattern, { metricType: 'MetricType', namespace: 'AWS/EC2' })).toBe(true);
    expect(matches(pattern, { metricType: 'MetricType' })).toBe(false);
    expect(matches(pattern, { scope: 'Service' })).toBe(true);
  });

  it('nested inside an object, branches are relative to it', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
        ],
      },
    };
    expect(matches(pattern, { detail: { 'c-count': 3 } })).toBe(true);
    expect(matches(pattern, { detail: { 'd-count': 9 } })).toBe(true);
    expect(matches(pattern, { detail: { 'c-count': 6, 'd-count': 10 } })).toBe(false);
    expect(matches(pattern, { 'c-count': 3 })).toBe(false);
  });

  it('parallel $or at two levels multiply', () => {
    const pattern = {
      $or: [{ metricName: ['CPU'] }, { namespace: ['AWS/EC2'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['Alarm'] }] },
    };
    expect(matches(pattern, { metricName: 'CPU', detail: { 'detail-type': 'Alarm' } })).toBe(true);
    expect(matches(pattern, { namespace: 'AWS/EC2', detail: { source: 'aws.cloudwatch' } })).toBe(
      true,
    );
    expect(matches(pattern, { namespace: 'AWS/EC2' })).toBe(false);
    expect(matches(pattern, { detail: { source: 'aws.cloudwatch' } })).toBe(false);
  });

  it('nested $or inside a branch', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPU'] },
        { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };
    expect(
      matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1000 }),
    ).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
    expect(matches(pattern, { source: 'aws.cloudwatch', metricId: 1234 })).toBe(false);
  });

  it('$or with exists and anything-but branches', () => {
    const pattern = { $or: [{ a: [{ exists: false }] }, { a: [{ 'anything-but': 'x' }] }] };
    expect(matches(pattern, {})).toBe(true);
    expect(matches(pattern, { a: 'y' })).toBe(true);
    expect(matches(pattern, { a: 'x' })).toBe(false);
  });

  /*
   * Ruler writes each field into the alternatives built so far, in document order, so a
   * path set both outside and inside a branch keeps the later write.
   */
  it('a path written before and inside a branch keeps the later write', () => {
    const pattern = '{"a":["1"],"$or":[{"a":["2"]},{"b":["3"]}]}';
    expect(matches(pattern, { a: '2' })).toBe(true);
    expect(matches(pattern, { a: '1' })).toBe(false);
    expect(matches(pattern, { a: '1', b: '3' })).toBe(true);
    const reversed = '{"$or":[{"a":["2"]},{"b":["3"]}],"a":["1"]}';
    expect(matches(reversed, { a: '2' })).toBe(false);
    expect(matches(reversed, { a: '1' })).toBe(true);
    expect(matches(reversed, { a: '1', b: '3' })).toBe(true);
  });

  /*
   * When the $or-aware compiler refuses a pattern, ruler compiles it again with its older
   * compiler, where "$or" is just a field name.
   */
  it('"$or" holding an object is an ordinary field', () => {
    const pattern = { $or: { a: ['1'] } };
    expect(matches(pattern, { $or: { a: '1' } })).toBe(true);
    expect(matches(pattern, { a: '1' })).toBe(false);
  });

  it('"$or" whose branches use reserved names is an ordinary field with operators', () => {
    const pattern = { $or: [{ numeric: ['>', 0] }, { prefix: 'abc' }] };
    expect(matches(pattern, { $or: 5 })).toBe(true);
    expect(matches(pattern, { $or: 'abcd' })).toBe(true);
    expect(matches(pattern, { $or: -1 })).toBe(false);
  });
});
