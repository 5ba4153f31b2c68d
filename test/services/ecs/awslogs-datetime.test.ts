/**
 * `awslogs-datetime-format`: moby's strftime table sequence by sequence, whole formats as
 * applications print them, and the grouping they drive through the driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGoRegexp } from '../../../src/services/ecs/awslogs/go-regexp.js';
import { STRFTIME_TO_REGEX, strftimeToRegex } from '../../../src/services/ecs/awslogs/strftime.js';
import { openOn, readEvents, startDriverFixture, type DriverFixture } from './awslogs-helpers.js';

const matches = (format: string, line: string) =>
  compileGoRegexp(strftimeToRegex(format)).test(line);

/** Each sequence: moby's expression, lines it finds a match in, lines it does not. */
const SEQUENCES: Array<[string, string, string[], string[]]> = [
  ['%a', '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)', ['Mon', 'Sun', 'xTuex'], ['mon', 'Mo', 'MON']],
  [
    '%A',
    '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)',
    ['Monday', 'Saturday'],
    ['Mon', 'monday', 'Someday'],
  ],
  ['%w', '[0-6]', ['0', '6'], ['7', 'x']],
  // moby's classes hold a comma ([1,2], [0,1]): ",5" is a day, as on AWS.
  ['%d', '(?:0[1-9]|[1,2][0-9]|3[0,1])', ['01', '19', '28', '30', '31', ',5'], ['00', '32', '4']],
  [
    '%b',
    '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)',
    ['Jan', 'Dec', 'Sept'],
    ['jan', 'JAN', 'Ja'],
  ],
  [
    '%B',
    '(?:January|February|March|April|May|June|July|August|September|October|November|December)',
    ['January', 'September'],
    ['Jan', 'january'],
  ],
  ['%m', '(?:0[1-9]|1[0-2])', ['01', '09', '10', '12'], ['00', '13', '1']],
  ['%Y', '\\d{4}', ['2026', '0000', '12345'], ['202', 'year']],
  ['%y', '\\d{2}', ['26', '00'], ['2', 'xx']],
  ['%H', '(?:[0,1][0-9]|2[0-3])', ['00', '09', '19', '23'], ['24', '30', '7']],
  ['%I', '(?:0[0-9]|1[0-2])', ['00', '07', '12'], ['13', '20']],
  ['%p', '[A,P]M', ['AM', 'PM', ',M'], ['am', 'pm', 'BM']],
  ['%M', '[0-5][0-9]', ['00', '59'], ['60', '6']],
  ['%S', '[0-5][0-9]', ['00', '45'], ['61', '9']],
  ['%f', '\\d{6}', ['123456', '0000001'], ['12345']],
  ['%z', '[+-]\\d{4}', ['+0900', '-0500'], ['0900', '+09:00', '+090']],
  ['%Z', '[A-Z]{1,4}T', ['UTC', 'JST', 'GMT', 'AEST', 'PDT'], ['utc', 'Z', 'T']],
  [
    '%j',
    '(?:0[0-9][1-9]|[1,2][0-9][0-9]|3[0-5][0-9]|36[0-6])',
    ['001', '099', '100', '299', '365', '366'],
    // moby's expression misses the days 010, 020, … 090.
    ['000', '060', '367', '400', '12'],
  ],
  ['%L', '\\.\\d{3}', ['.123', '.0001'], ['123', ',123', '.12']],
];

describe('strftime table', () => {
  it('has exactly moby’s sequences', () => {
    expect(Object.keys(STRFTIME_TO_REGEX).sort()).toEqual(SEQUENCES.map(([s]) => s).sort());
  });

  it.each(SEQUENCES)('%s becomes %s', (sequence, regex, yes, no) => {
    expect(strftimeToRegex(sequence)).toBe(regex);
    for (const line of yes) expect(matches(sequence, line), `${sequence} in ${line}`).toBe(true);
    for (const line of no) expect(matches(sequence, line), `${sequence} in ${line}`).toBe(false);
  });

  it.each([
    ['%%', ''],
    ['100%% done', '100 done'],
    ['%Q', ''],
    ['%e', ''],
    ['%T', ''],
    ['%Y%', '\\d{4}%'],
    ['%', '%'],
    ['plain', 'plain'],
  ])(
    '%j → %j: sequences outside the table vanish, as a Go map lookup gives ""',
    (format, regex) => {
      expect(strftimeToRegex(format)).toBe(regex);
    },
  );
});

/** Whole formats: lines that start an event and lines that do not. */
const FORMATS: Array<[string, string[], string[]]> = [
  [
    '%Y-%m-%d %H:%M:%S',
    ['2026-03-01 02:20:00 INFO start', '[2026-03-01 23:59:59] bracketed'],
    [
      '2026-13-01 02:20:00',
      '2026-03-01T02:20:00',
      '    at App.run(App.java:10)',
      '26-03-01 02:20:00',
    ],
  ],
  [
    '%Y-%m-%dT%H:%M:%S%z',
    ['2026-03-01T02:20:00+0900 ready', '2026-03-01T02:20:00-0000'],
    ['2026-03-01T02:20:00Z', '2026-03-01T02:20:00+09:00'],
  ],
  [
    '%Y-%m-%dT%H:%M:%S%L',
    ['2026-03-01T02:20:00.123 x'],
    ['2026-03-01T02:20:00 x', '2026-03-01T02:20:00,123'],
  ],
  ['%Y-%m-%d %H:%M:%S,%f', ['2026-03-01 02:20:00,123456 ERROR'], ['2026-03-01 02:20:00,123 ERROR']],
  [
    '%b %d, %Y %I:%M:%S %p',
    ['Mar 01, 2026 02:20:00 AM org.example.Main main', 'Dec 31, 2025 12:00:00 PM'],
    ['Mar 1, 2026 02:20:00 AM', 'Mar 01, 2026 13:20:00 PM', 'mar 01, 2026 02:20:00 AM'],
  ],
  // moby's %Z is [A-Z]{1,4}T: zone names end in T, so "UTC" followed by a space fails.
  [
    '%a %b %d %H:%M:%S %Z %Y',
    ['Sun Mar 01 11:20:00 JST 2026', 'Sun Mar 01 02:20:00 GMT 2026'],
    ['Sun Mar 01 02:20:00 UTC 2026', 'Sun Mar 01 02:20:00 2026', 'Sun Mar 01 02:20:00 gmt 2026'],
  ],
  ['%A, %B %d', ['Sunday, March 01'], ['Sun, Mar 01', 'Sunday, March 1']],
  ['%y%m%d %H%M%S', ['260301 022000 boot'], ['2603 0220']],
  ['%Y.%j', ['2026.061', '2026x366'], ['2026.000', '2026.060', '2026.367']],
  [
    '%d/%b/%Y:%H:%M:%S %z',
    ['127.0.0.1 - - [01/Mar/2026:02:20:00 +0000] "GET /"'],
    ['01/03/2026:02:20:00 +0000'],
  ],
  ['%H:%M:%S', ['line at 23:59:59', '02:20:00'], ['24:00:00', '2:20:00']],
  ['%m/%d/%y %w', ['03/01/26 0'], ['03/01/26 7']],
];

describe('datetime formats', () => {
  it.each(FORMATS)('%s', (format, yes, no) => {
    for (const line of yes) expect(matches(format, line), line).toBe(true);
    for (const line of no) expect(matches(format, line), line).toBe(false);
  });
});

describe('grouping by datetime format through the driver', () => {
  let fx: DriverFixture;
  beforeAll(async () => {
    fx = await startDriverFixture();
  });
  afterAll(() => fx.teiki.close());

  it.each(FORMATS)('%s starts events at its lines and nowhere else', async (format, yes, no) => {
    const { group, sink } = await openOn(fx, { 'awslogs-datetime-format': format });
    const t0 = fx.clock.nowMs();
    // Each start line opens an event; every non-matching line joins the one before it.
    const expected: Array<{ timestamp: number; message: string }> = [];
    let at = t0;
    for (const start of yes) {
      sink.write('stdout', start);
      let message = `${start}\n`;
      for (const other of no) {
        sink.write('stderr', other);
        message += `${other}\n`;
      }
      expected.push({ timestamp: at, message });
      await fx.clock.advance(10);
      at += 10;
    }
    await sink.close();
    expect(await readEvents(fx.logs(), group, sink.logStreamName)).toEqual(expected);
  });
});
