import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../src/engine/schedule-expressions/index.js';
import { rejection } from './helpers.js';

describe('accepted expressions', () => {
  const cron = [
    // AWS's documented examples.
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0/30 20-23 ? * MON-FRI *)',
    'cron(0/30 0-2 ? * MON-FRI *)',
    'cron(1/10 * * * ? *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(15 10 ? * 6L 2002-2025)',
    'cron(0 12 1/5 * ? *)',
    // The seed's rule.
    'cron(20 2 * * ? *)',
    // Either day field may carry the `*`.
    'cron(0 10 ? * * *)',
    'cron(* * * * ? *)',
    'cron(*/5 * * * ? *)',
    'cron(10-50/10 * * * ? *)',
    'cron(5,10,15 1,2,3 * * ? *)',
    'cron(0/59 * * * ? *)',
    'cron(0 0/23 * * ? *)',
    'cron(0 0 1/31 * ? *)',
    'cron(0 0 1 1/12 ? *)',
    'cron(0 0 ? * 1/7 *)',
    'cron(00 05 01 01 ? *)',
    // Bounds of every field.
    'cron(59 23 31 12 ? 2199)',
    'cron(0 0 1 1 ? 1970)',
    'cron(0 0 ? * 1 *)',
    'cron(0 0 ? * 7 *)',
    'cron(0 0 ? * 1-7 *)',
    'cron(0 0 ? * SUN-SAT *)',
    // Ranges that run around the end of the field, as in Quartz.
    'cron(50-10 * * * ? *)',
    'cron(0 22-2 * * ? *)',
    'cron(0 0 28-3 * ? *)',
    'cron(0 0 * NOV-FEB ? *)',
    'cron(0 0 ? * FRI-MON *)',
    'cron(50-10/5 * * * ? *)',
    // Lists, names and steps together.
    'cron(0 0 1,15 * ? *)',
    'cron(0 0 * JAN,APR,JUL,OCT ? *)',
    'cron(0 0 ? * MON,WED,FRI *)',
    'cron(0 0 ? * MON-WED,FRI *)',
    'cron(0 0 ? * 2/2 *)',
    'cron(0 0 ? * */3 *)',
    'cron(0 0 */2 * ? *)',
    'cron(0 0 * */3 ? *)',
    'cron(0 0 1 JAN-DEC/3 ? *)',
    'cron(0,30 */2 1-7,15-21 * ? *)',
    // Years.
    'cron(0 0 * * ? 2026,2028)',
    'cron(0 0 * * ? 2026-2030)',
    'cron(0 0 * * ? 2020/4)',
    'cron(0 0 * * ? */10)',
    'cron(0 0 * * ? 2000-2199/50)',
    // L, W and #.
    'cron(0 0 L * ? *)',
    'cron(0 0 L-3 * ? *)',
    'cron(0 0 L-1 * ? *)',
    'cron(0 0 L-30 * ? *)',
    'cron(0 0 LW * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(0 0 1W * ? *)',
    'cron(0 0 31W * ? *)',
    'cron(0 0 ? * L *)',
    'cron(0 0 ? * 1L *)',
    'cron(0 0 ? * 7L *)',
    'cron(0 0 ? * FRIL *)',
    'cron(0 0 ? * 3#2 *)',
    'cron(0 0 ? * 1#1 *)',
    'cron(0 0 ? * 7#5 *)',
    'cron(0 0 ? * TUE#3 *)',
    // Names and the special letters in any case, as Quartz upper-cases the expression.
    'cron(0 0 ? * mOn *)',
    'cron(0 0 * jan,Feb ? *)',
    'cron(0 0 ? * fri#2 *)',
    'cron(0 0 ? * mon-fri *)',
    'cron(0 0 l * ? *)',
    'cron(0 0 lw * ? *)',
    'cron(0 0 10w * ? *)',
    'cron(0 0 ? * 6l *)',
    'cron(0 0 l-2 * ? *)',
    // Runs of spaces between fields.
    'cron(0  0  *  *  ?  *)',
  ];
  it.each(cron)('%s', (text) => {
    const parsed = parseScheduleExpression(text);
    expect(parsed.kind).toBe('cron');
    expect(parsed.text).toBe(text);
  });

  const rate = [
    'rate(1 minute)',
    'rate(2 minutes)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'rate(05 minutes)',
    'rate(2147483647 minutes)',
  ];
  it.each(rate)('%s', (text) => {
    expect(parseScheduleExpression(text).kind).toBe('rate');
  });

  const at = [
    'at(2026-11-28T02:20:00)',
    'at(2024-02-29T00:00:00)',
    'at(2000-02-29T12:30:45)',
    'at(1970-01-01T00:00:00)',
    'at(2199-12-31T23:59:59)',
    'at(2026-04-30T23:59:59)',
  ];
  it.each(at)('%s (Scheduler)', (text) => {
    expect(parseScheduleExpression(text, { allowAt: true }).kind).toBe('at');
  });
});

type Rejected = [text: string, message: string | RegExp];

describe('rejected expressions', () => {
  const outer: Rejected[] = [
    ['', 'the expression is empty: write cron(...) or rate(...)'],
    ['cron(0 10 * * ? *', "'cron(0 10 * * ? *' is not cron(...) or rate(...)"],
    ['CRON(0 10 * * ? *)', /is not cron\(\.\.\.\) or rate/],
    ['Cron(0 10 * * ? *)', /is not cron/],
    [' cron(0 10 * * ? *)', /is not cron/],
    ['cron(0 10 * * ? *) ', /is not cron/],
    ['cron 0 10 * * ? *', /is not cron/],
    ['0 10 * * ? *', /is not cron/],
    ['every 5 minutes', /is not cron/],
    ['@daily', /is not cron/],
    ['cron[0 10 * * ? *]', /is not cron/],
    [
      'at(2026-11-28T02:20:00)',
      'at(...) is a one-time schedule of EventBridge Scheduler; rules take cron(...) or rate(...)',
    ],
  ];

  const cronShape: Rejected[] = [
    [
      'cron()',
      'cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), found 0',
    ],
    ['cron(0 10 * * ?)', /found 5$/],
    ['cron(0 0 10 * * ? *)', /found 7$/],
    ['cron(0 10 * * ? * *)', /found 7$/],
    ['cron( 0 10 * * ? *)', 'cron(...) must not start or end with a space'],
    ['cron(0 10 * * ? * )', 'cron(...) must not start or end with a space'],
    ['cron(0\t10 * * ? *)', /found 5$/],
    ['cron(0 10 * * ? *))', "cron year field: '*)' is not valid"],
  ];

  const dayFields: Rejected[] = [
    [
      'cron(0 10 * * * *)',
      "cron day-of-month (*) and day-of-week (*) cannot both be specified: one of them must be '?'",
    ],
    ['cron(0 10 1 * MON *)', /cannot both be specified/],
    ['cron(0 10 L * 6L *)', /cannot both be specified/],
    ['cron(0 10 1-5 * 2 *)', /cannot both be specified/],
    [
      'cron(0 10 ? * ? *)',
      "cron day-of-month and day-of-week cannot both be '?': give one of them a value",
    ],
    ['cron(0 0 ?,1 * ? *)', "cron day-of-month field: '?' stands alone, meaning no specific value"],
    ['cron(0 0 ? * ?,2 *)', "cron day-of-week field: '?' stands alone, meaning no specific value"],
  ];

  const ranges: Rejected[] = [
    ['cron(60 10 * * ? *)', 'cron minutes field: 60 is out of range (0-59)'],
    ['cron(0-60 10 * * ? *)', 'cron minutes field: 60 is out of range (0-59)'],
    ['cron(0 24 * * ? *)', 'cron hours field: 24 is out of range (0-23)'],
    ['cron(0 0-24 * * ? *)', 'cron hours field: 24 is out of range (0-23)'],
    ['cron(0 0 0 * ? *)', 'cron day-of-month field: 0 is out of range (1-31)'],
    ['cron(0 0 32 * ? *)', 'cron day-of-month field: 32 is out of range (1-31)'],
    ['cron(0 0 * 0 ? *)', 'cron month field: 0 is out of range (1-12)'],
    ['cron(0 0 * 13 ? *)', 'cron month field: 13 is out of range (1-12)'],
    ['cron(0 0 ? * 0 *)', 'cron day-of-week field: 0 is out of range (1-7)'],
    ['cron(0 0 ? * 8 *)', 'cron day-of-week field: 8 is out of range (1-7)'],
    ['cron(0 0 * * ? 1969)', 'cron year field: 1969 is out of range (1970-2199)'],
    ['cron(0 0 * * ? 2200)', 'cron year field: 2200 is out of range (1970-2199)'],
    ['cron(0 0 * * ? 99)', 'cron year field: 99 is out of range (1970-2199)'],
    ['cron(0 0 * * ? 2030-2020)', 'cron year field: the range 2030-2020 runs backwards'],
    ['cron(99999999999999999999 0 * * ? *)', /minutes field: 99999999999999999999 is out of range/],
  ];

  const names: Rejected[] = [
    ['cron(0 0 * JANUARY ? *)', "cron month field: 'JANUARY' is not a month name (JAN-DEC)"],
    ['cron(0 0 * JAN-FOO ? *)', "cron month field: 'FOO' is not a month name (JAN-DEC)"],
    ['cron(0 0 ? * MONDAY *)', "cron day-of-week field: 'MONDAY' is not a weekday name (SUN-SAT)"],
    ['cron(0 0 ? * MON-FRIDAY *)', /'FRIDAY' is not a weekday name/],
    ['cron(0 0 ? * JAN *)', /'JAN' is not a weekday name/],
    ['cron(0 0 * MON ? *)', /'MON' is not a month name/],
    ['cron(MON 0 * * ? *)', "cron minutes field: 'MON' is not a number"],
    ['cron(0 NOON * * ? *)', "cron hours field: 'NOON' is not a number"],
    ['cron(0 0 FIRST * ? *)', "cron day-of-month field: 'FIRST' is not a number"],
    ['cron(0 0 * * ? JAN)', "cron year field: 'JAN' is not a number"],
  ];

  const steps: Rejected[] = [
    ['cron(0/0 * * * ? *)', "cron minutes field: the increment in '0/0' must be at least 1"],
    ['cron(*/0 * * * ? *)', /the increment in '\*\/0' must be at least 1/],
    ['cron(0/60 * * * ? *)', "cron minutes field: the increment in '0/60' must be at most 59"],
    ['cron(0 0/24 * * ? *)', "cron hours field: the increment in '0/24' must be at most 23"],
    ['cron(0 0 1/32 * ? *)', "cron day-of-month field: the increment in '1/32' must be at most 31"],
    ['cron(0 0 1 1/13 ? *)', "cron month field: the increment in '1/13' must be at most 12"],
    ['cron(0 0 ? * 1/8 *)', "cron day-of-week field: the increment in '1/8' must be at most 7"],
    ['cron(0 0 * * ? 2026/0)', "cron year field: the increment in '2026/0' must be at least 1"],
    ['cron(0/ * * * ? *)', "cron minutes field: '0/' needs a number after '/'"],
    ['cron(/5 * * * ? *)', "cron minutes field: '/5' is not valid"],
    ['cron(0/5/5 * * * ? *)', "cron minutes field: '0/5/5' is not valid"],
    ['cron(0/-5 * * * ? *)', "cron minutes field: '0/-5' is not valid"],
    ['cron(0/x * * * ? *)', "cron minutes field: '0/X' is not valid"],
  ];

  const syntax: Rejected[] = [
    ['cron(1,,2 * * * ? *)', "cron minutes field: '1,,2' has an empty list item"],
    ['cron(1, * * * ? *)', "cron minutes field: '1,' has an empty list item"],
    ['cron(,1 * * * ? *)', "cron minutes field: ',1' has an empty list item"],
    ['cron(5- * * * ? *)', "cron minutes field: '5-' is not valid"],
    ['cron(-5 * * * ? *)', "cron minutes field: '-5' is not valid"],
    ['cron(1-2-3 * * * ? *)', "cron minutes field: '1-2-3' is not valid"],
    ['cron(1.5 * * * ? *)', "cron minutes field: '1.5' is not valid"],
    ['cron(+5 * * * ? *)', "cron minutes field: '+5' is not valid"],
    ['cron(** * * * ? *)', "cron minutes field: '**' is not valid"],
    ['cron(*-5 * * * ? *)', "cron minutes field: '*-5' is not valid"],
    ['cron(5-* * * * ? *)', "cron minutes field: '5-*' is not valid"],
    ['cron(0 0 * * ? 2026-)', "cron year field: '2026-' is not valid"],
    ['cron(0 0 ? * MON- *)', "cron day-of-week field: 'MON-' is not valid"],
    ['cron(０ 0 * * ? *)', "cron minutes field: '０' is not valid"],
  ];

  const specials: Rejected[] = [
    // `?` belongs to the day fields only.
    ['cron(? 0 * * ? *)', "cron minutes field: '?' is only allowed in day-of-month or day-of-week"],
    ['cron(0 ? * * ? *)', "cron hours field: '?' is only allowed in day-of-month or day-of-week"],
    ['cron(0 0 * ? ? *)', "cron month field: '?' is only allowed in day-of-month or day-of-week"],
    ['cron(0 0 * * ? ?)', "cron year field: '?' is only allowed in day-of-month or day-of-week"],
    // L.
    ['cron(0 L * * ? *)', "cron hours field: 'L' is only allowed in day-of-month or day-of-week"],
    ['cron(L 0 * * ? *)', "cron minutes field: 'L' is only allowed in day-of-month or day-of-week"],
    ['cron(0 0 * L ? *)', "cron month field: 'L' is only allowed in day-of-month or day-of-week"],
    ['cron(0 0 * * ? L)', "cron year field: 'L' is only allowed in day-of-month or day-of-week"],
    [
      'cron(0 0 L,15 * ? *)',
      "cron day-of-month field: 'L' stands alone in day-of-month (L, L-3, LW), not in lists, ranges or steps",
    ],
    ['cron(0 0 L/2 * ? *)', /'L' stands alone in day-of-month/],
    ['cron(0 0 1-L * ? *)', /'L' stands alone in day-of-month/],
    ['cron(0 0 2L * ? *)', /'L' stands alone in day-of-month/],
    ['cron(0 0 L-0 * ? *)', "cron day-of-month field: the offset in 'L-0' must be from 1 to 30"],
    ['cron(0 0 L-31 * ? *)', "cron day-of-month field: the offset in 'L-31' must be from 1 to 30"],
    ['cron(0 0 L- * ? *)', /'L' stands alone in day-of-month/],
    [
      'cron(0 0 ? * 5L,6 *)',
      "cron day-of-week field: 'L' stands alone in day-of-week (L, 6L, FRIL), not in lists, ranges or steps",
    ],
    ['cron(0 0 ? * L,2 *)', /'L' stands alone in day-of-week/],
    ['cron(0 0 ? * 2-5L *)', /'L' stands alone in day-of-week/],
    ['cron(0 0 ? * 8L *)', 'cron day-of-week field: 8 is out of range (1-7)'],
    ['cron(0 0 ? * 0L *)', 'cron day-of-week field: 0 is out of range (1-7)'],
    ['cron(0 0 ? * FOOL *)', /'L' stands alone in day-of-week/],
    ['cron(0 0 ? * LL *)', /'L' stands alone in day-of-week/],
    ['cron(0 0 ? * JULL *)', /'L' stands alone in day-of-week/],
    // Quartz's L-n is day-of-month only.
    ['cron(0 0 ? * L-3 *)', /'L' stands alone in day-of-week/],
    // W.
    ['cron(0 0 ? * 1W *)', "cron day-of-week field: 'W' is only allowed in day-of-month"],
    ['cron(0 W * * ? *)', "cron hours field: 'W' is only allowed in day-of-month"],
    ['cron(0 0 * 5W ? *)', "cron month field: 'W' is only allowed in day-of-month"],
    ['cron(0 0 0W * ? *)', "cron day-of-month field: the day in '0W' must be from 1 to 31"],
    ['cron(0 0 32W * ? *)', "cron day-of-month field: the day in '32W' must be from 1 to 31"],
    [
      'cron(0 0 W * ? *)',
      "cron day-of-month field: 'W' stands alone in day-of-month (15W, LW), not in lists, ranges or steps",
    ],
    ['cron(0 0 1W,15 * ? *)', /'W' stands alone in day-of-month/],
    ['cron(0 0 1-5W * ? *)', /'W' stands alone in day-of-month/],
    ['cron(0 0 15W/2 * ? *)', /'W' stands alone in day-of-month/],
    ['cron(0 0 L-3W * ? *)', /'W' stands alone in day-of-month/],
    ['cron(0 0 WL * ? *)', /'W' stands alone in day-of-month/],
    // #.
    ['cron(0 0 3#2 * ? *)', "cron day-of-month field: '#' is only allowed in day-of-week"],
    ['cron(0 3#2 * * ? *)', "cron hours field: '#' is only allowed in day-of-week"],
    ['cron(0 0 ? * 3#0 *)', "cron day-of-week field: the occurrence in '3#0' must be from 1 to 5"],
    ['cron(0 0 ? * 3#6 *)', "cron day-of-week field: the occurrence in '3#6' must be from 1 to 5"],
    ['cron(0 0 ? * 3# *)', "cron day-of-week field: the occurrence in '3#' must be from 1 to 5"],
    ['cron(0 0 ? * 8#1 *)', 'cron day-of-week field: 8 is out of range (1-7)'],
    [
      'cron(0 0 ? * #1 *)',
      "cron day-of-week field: '#' stands alone in day-of-week (3#2), not in lists or ranges",
    ],
    // AWS: "3#1,6#3" is two expressions, which is not allowed.
    [
      'cron(0 0 ? * 3#1,6#3 *)',
      "cron day-of-week field: '#' stands alone in day-of-week (3#2), not in lists or ranges",
    ],
    ['cron(0 0 ? * 2-3#1 *)', /'#' stands alone/],
    ['cron(0 0 ? * 3#1/2 *)', /'#' stands alone/],
  ];

  const rate: Rejected[] = [
    // The cases AWS itself answers "Parameter ScheduleExpression is not valid." to.
    ['rate(10 seconds)', /must be rate\(value unit\)/],
    ['rate(10 years)', /must be rate\(value unit\)/],
    ['rate(1 minutes)', "rate(1 minutes): a value of 1 takes the singular 'minute'"],
    ['rate(1 hours)', "rate(1 hours): a value of 1 takes the singular 'hour'"],
    ['rate(1 days)', "rate(1 days): a value of 1 takes the singular 'day'"],
    ['rate(10 minute)', "rate(10 minute): a value above 1 takes the plural 'minutes'"],
    ['rate(10 hour)', "rate(10 hour): a value above 1 takes the plural 'hours'"],
    ['rate(10 day)', "rate(10 day): a value above 1 takes the plural 'days'"],
    [
      'rate()',
      'rate() must be rate(value unit): a positive whole number, one space, and minute(s), hour(s) or day(s)',
    ],
    ['rate(10)', /must be rate\(value unit\)/],
    ['rate(minutes)', /must be rate\(value unit\)/],
    ['rate(10 minutess)', /must be rate\(value unit\)/],
    ['rate(foo minutes)', /must be rate\(value unit\)/],
    ['rate(0 minutes)', 'rate(0 minutes): the value must be at least 1'],
    ['rate(0 minute)', 'rate(0 minute): the value must be at least 1'],
    ['rate(-10 minutes)', /must be rate\(value unit\)/],
    ['rate(10 MINUTES)', /must be rate\(value unit\)/],
    ['rate(10 Minutes)', /must be rate\(value unit\)/],
    ['rate( 10 minutes )', /must be rate\(value unit\)/],
    ['rate(10  minutes)', /must be rate\(value unit\)/],
    ['rate(10minutes)', /must be rate\(value unit\)/],
    ['rate(1.5 hours)', /must be rate\(value unit\)/],
    ['rate(1e3 minutes)', /must be rate\(value unit\)/],
    ['rate(2147483648 minutes)', 'rate(2147483648 minutes): the value must be at most 2147483647'],
    [' rate(10 minutes)', /is not cron/],
    ['RATE(10 minutes)', /is not cron/],
    ['rate(10 minutes', /is not cron/],
  ];

  const cases = [
    ...outer,
    ...cronShape,
    ...dayFields,
    ...ranges,
    ...names,
    ...steps,
    ...syntax,
    ...specials,
    ...rate,
  ];
  it.each(cases)('%j', (text, message) => {
    const error = rejection(text);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  const at: Rejected[] = [
    ['at()', 'at() must be at(yyyy-mm-ddThh:mm:ss), for example at(2026-11-28T02:20:00)'],
    ['at(2026-11-28 02:20:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28T02:20)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28T02:20:00Z)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28T02:20:00+09:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28T02:20:00.000)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28t02:20:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(26-11-28T02:20:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-1-28T02:20:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at( 2026-11-28T02:20:00)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-11-28)', /must be at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-13-01T00:00:00)', 'at(2026-13-01T00:00:00): month 13 does not exist'],
    ['at(2026-00-10T00:00:00)', 'at(2026-00-10T00:00:00): month 00 does not exist'],
    ['at(2026-02-29T00:00:00)', 'at(2026-02-29T00:00:00): 2026-02 has no day 29'],
    ['at(2100-02-29T00:00:00)', 'at(2100-02-29T00:00:00): 2100-02 has no day 29'],
    ['at(2026-04-31T00:00:00)', 'at(2026-04-31T00:00:00): 2026-04 has no day 31'],
    ['at(2026-01-00T00:00:00)', 'at(2026-01-00T00:00:00): 2026-01 has no day 00'],
    ['at(2026-01-01T24:00:00)', 'at(2026-01-01T24:00:00): 24:00:00 is not a time of day'],
    ['at(2026-01-01T00:60:00)', 'at(2026-01-01T00:60:00): 00:60:00 is not a time of day'],
    ['at(2026-01-01T00:00:60)', 'at(2026-01-01T00:00:60): 00:00:60 is not a time of day'],
    ['AT(2026-01-01T00:00:00)', "'AT(2026-01-01T00:00:00)' is not cron(...), rate(...) or at(...)"],
    ['', 'the expression is empty: write cron(...), rate(...) or at(...)'],
  ];
  it.each(at)('%j (Scheduler)', (text, message) => {
    const error = rejection(text, { allowAt: true });
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('names the error class so logs read well', () => {
    expect(rejection('rate(0 minutes)').name).toBe('ScheduleExpressionError');
  });
});
