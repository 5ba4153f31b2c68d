/** What a target receives for an event: Input, InputPath, InputTransformer, or the event. */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../../src/services/events/generated/types.js';
import { select, targetInput } from '../../../src/triggers/input.js';

const EVENT = {
  id: 'e-1',
  source: 'aws.ecs',
  'detail-type': 'ECS Task State Change',
  time: '2026-11-28T02:20:05Z',
  detail: {
    lastStatus: 'STOPPED',
    containers: [{ name: 'app', exitCode: 3 }],
    'odd-key': { value: true },
  },
};

const target = (extra: Partial<Target>): Target => ({
  Id: 't',
  Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:g',
  ...extra,
});

describe('select (JSONPath as EventBridge accepts it)', () => {
  it.each([
    ['$', EVENT],
    ['$.detail.lastStatus', 'STOPPED'],
    ['$.detail.containers[0].exitCode', 3],
    ["$.detail['odd-key'].value", true],
    ['$.detail.missing', undefined],
    ['$.detail.lastStatus.deeper', undefined],
  ])('%s', (path, expected) => {
    expect(select(EVENT, path)).toEqual(expected);
  });
});

describe('targetInput', () => {
  it('passes the whole event when nothing is configured', () => {
    expect(JSON.parse(targetInput(target({}), EVENT))).toEqual(EVENT);
  });

  it('passes the constant Input as it is', () => {
    expect(targetInput(target({ Input: '{"containerOverrides":[]}' }), EVENT)).toBe(
      '{"containerOverrides":[]}',
    );
  });

  it('passes the part InputPath selects', () => {
    expect(JSON.parse(targetInput(target({ InputPath: '$.detail.containers' }), EVENT))).toEqual([
      { name: 'app', exitCode: 3 },
    ]);
  });

  it.each([
    ['{"status": "<status>", "code": <code>}', '{"status": "STOPPED", "code": 3}'],
    ['"task is <status> with code <code>"', '"task is STOPPED with code 3"'],
    ['{"all": <containers>}', '{"all": [{"name":"app","exitCode":3}]}'],
    ['{"none": <missing>, "text": "<missing>"}', '{"none": null, "text": ""}'],
    ['{"quote": "<quoted>"}', '{"quote": "say \\"hi\\""}'],
  ])('fills the InputTransformer template %s', (template, expected) => {
    const input = targetInput(
      target({
        InputTransformer: {
          InputPathsMap: {
            status: '$.detail.lastStatus',
            code: '$.detail.containers[0].exitCode',
            containers: '$.detail.containers',
            missing: '$.detail.nothing',
            quoted: '$.quoted',
          },
          InputTemplate: template,
        },
      }),
      { ...EVENT, quoted: 'say "hi"' },
    );
    expect(input).toBe(expected);
  });
});
