import { describe, expect, it } from 'vitest';
import { compileEventPattern } from '../../../src/engine/event-pattern/index.js';
import { reason } from './helpers.js';

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

const wildcards = (values: string[]) => values.map((wildcard) => ({ wildcard }));

function accepted(pattern: unknown): boolean {
  try {
    compileEventPattern(JSON.stringify(pattern));
    return true;
  } catch {
    return false;
  }
}

describe('wildcard complexity', () => {
  // Outcomes AWS gave (AWS documentation examples and a user's report).
  it.each([
    [
      'the documentation example with five stars',
      { arn: wildcards(['*:*:*:*:*:event-bus/*']) },
      false,
    ],
    [
      'repeating segments after one star',
      { f: wildcards(['/Users/*/dir/dir/dir/dir/dir/doc.txt']) },
      true,
    ],
    ['a simplified ARN', { arn: wildcards(['arn:aws:events:us-east-1:*:event-bus/*']) }, true],
    ['one star, one segment', { f: wildcards(['/Users/*/doc.txt']) }, true],
    ['four extensions', { k: wildcards(['*.bif', '*.tiff', '*.tif', '*.svs']) }, true],
    [
      'two folders with extensions',
      { k: wildcards(['*/datasync/*.bif', '*/datasync/*.tif']) },
      true,
    ],
    [
      'four folders with extensions',
      {
        k: wildcards([
          '*/datasync/*.bif',
          '*/datasync/*.tif',
          '*/datasync/*.tiff',
          '*/datasync/*.svs',
        ]),
      },
      false,
    ],
  ])('%s', (_, pattern, ok) => {
    expect(accepted(pattern)).toBe(ok);
  });

  it('the refusal reason has no location', () => {
    expect(reason('{"k": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}')).toBe(TOO_COMPLEX);
  });

  it('each field is weighed on its own', () => {
    const two = wildcards(['*/datasync/*.bif', '*/datasync/*.tif']);
    expect(accepted({ a: two, b: two, c: { d: two } })).toBe(true);
  });

  it('wildcards inside anything-but count', () => {
    const values = [
      '*/datasync/*.bif',
      '*/datasync/*.tif',
      '*/datasync/*.tiff',
      '*/datasync/*.svs',
    ];
    expect(accepted({ k: [{ 'anything-but': { wildcard: values } }] })).toBe(false);
    expect(accepted({ k: [{ 'anything-but': { wildcard: values.slice(0, 2) } }] })).toBe(true);
  });

  it('escaped stars are not wildcards', () => {
    expect(accepted({ k: wildcards(['\\*:\\*:\\*:\\*:\\*:\\*:event-bus/\\*']) })).toBe(true);
  });

  it('many plain extension patterns on one field: five pass, six do not', () => {
    const ext = ['*.a', '*.b', '*.c', '*.d', '*.e', '*.f'];
    expect(accepted({ k: wildcards(ext.slice(0, 5)) })).toBe(true);
    expect(accepted({ k: wildcards(ext) })).toBe(false);
  });

  /*
   * $or branches share a field's machine only when the fields sorted before it took the
   * same values, as ruler's name states do.
   */
  it('$or branches after different values are weighed apart, after the same value together', () => {
    const [x, y] = [
      wildcards(['*/datasync/*.bif', '*/datasync/*.tif']),
      wildcards(['*/datasync/*.svs', '*/datasync/*.png']),
    ];
    expect(
      accepted({
        $or: [
          { a: ['1'], k: x },
          { a: ['2'], k: y },
        ],
      }),
    ).toBe(true);
    expect(
      accepted({
        $or: [
          { a: ['1'], k: x },
          { a: ['1'], k: y },
        ],
      }),
    ).toBe(false);
  });

  it('patterns without wildcards are never too complex', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ prefix: `p${i}` }));
    expect(accepted({ k: many })).toBe(true);
  });
});
