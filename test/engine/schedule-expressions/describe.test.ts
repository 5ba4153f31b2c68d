import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../../src/engine/schedule-expressions/index.js';

type Case = [expression: string, timeZone: string | undefined, reading: string];

describe('describeSchedule', () => {
  const cases: Case[] = [
    ['cron(20 2 * * ? *)', undefined, 'every day at 02:20 UTC'],
    ['cron(20 11 * * ? *)', 'Asia/Tokyo', 'every day at 11:20 Asia/Tokyo'],
    ['cron(0 10 ? * * *)', undefined, 'every day at 10:00 UTC'],
    ['cron(0 10,15 * * ? *)', undefined, 'every day at 10:00 and 15:00 UTC'],
    ['cron(30 6,12,18 * * ? *)', undefined, 'every day at 06:30, 12:30 and 18:30 UTC'],
    ['cron(0 18 ? * MON-FRI *)', undefined, 'at 18:00 UTC on Monday through Friday'],
    ['cron(0 18 ? * 2-6 *)', undefined, 'at 18:00 UTC on Monday through Friday'],
    ['cron(0 9 ? * MON,WED,FRI *)', undefined, 'at 09:00 UTC on Monday, Wednesday and Friday'],
    ['cron(0 9 ? * SAT,SUN *)', undefined, 'at 09:00 UTC on Saturday and Sunday'],
    ['cron(0 9 ? * mon *)', undefined, 'at 09:00 UTC on Monday'],
    ['cron(0 8 1 * ? *)', undefined, 'at 08:00 UTC on day 1 of the month'],
    ['cron(0 8 1,15 * ? *)', undefined, 'at 08:00 UTC on days 1 and 15 of the month'],
    ['cron(0 8 1-7 * ? *)', undefined, 'at 08:00 UTC on days 1 through 7 of the month'],
    ['cron(15 10 L * ? *)', undefined, 'at 10:15 UTC on the last day of the month'],
    ['cron(0 0 LW * ? *)', undefined, 'at 00:00 UTC on the last weekday of the month'],
    ['cron(0 0 L-3 * ? *)', undefined, 'at 00:00 UTC 3 days before the last day of the month'],
    ['cron(0 0 15W * ? *)', undefined, 'at 00:00 UTC on the weekday nearest day 15 of the month'],
    ['cron(15 10 ? * 6L *)', undefined, 'at 10:15 UTC on the last Friday of the month'],
    ['cron(15 10 ? * FRIL *)', undefined, 'at 10:15 UTC on the last Friday of the month'],
    ['cron(15 10 ? * 6#3 *)', undefined, 'at 10:15 UTC on the third Friday of the month'],
    ['cron(0 9 ? * 2#1 *)', undefined, 'at 09:00 UTC on the first Monday of the month'],
    ['cron(0 0 ? * L *)', undefined, 'at 00:00 UTC on Saturday'],
    ['cron(0/15 * * * ? *)', undefined, 'every 15 minutes'],
    ['cron(*/5 * * * ? *)', undefined, 'every 5 minutes'],
    ['cron(* * * * ? *)', undefined, 'every minute'],
    ['cron(0/10 * ? * MON-FRI *)', undefined, 'every 10 minutes on Monday through Friday'],
    [
      'cron(0/5 8-17 ? * MON-FRI *)',
      undefined,
      'every 5 minutes from 08:00 to 17:59 UTC on Monday through Friday',
    ],
    ['cron(* 14 * * ? *)', undefined, 'every minute from 14:00 to 14:59 UTC'],
    ['cron(5 * * * ? *)', undefined, 'at minute 5 of every hour'],
    ['cron(0 */2 * * ? *)', undefined, 'every 2 hours at minute 0'],
    ['cron(0 0/6 * * ? *)', undefined, 'every 6 hours at minute 0'],
    ['cron(0 12 * MAR ? *)', undefined, 'every day at 12:00 UTC in March'],
    ['cron(0 12 * 1,7 ? *)', undefined, 'every day at 12:00 UTC in January and July'],
    [
      'cron(0 12 1 JUN-AUG ? *)',
      undefined,
      'at 12:00 UTC on day 1 of the month in June through August',
    ],
    ['cron(0 0 1 1 ? 2030)', undefined, 'at 00:00 UTC on day 1 of the month in January in 2030'],
    ['cron(0 0 * * ? 2026-2028)', undefined, 'every day at 00:00 UTC in 2026 through 2028'],
    ['rate(1 minute)', undefined, 'every minute'],
    ['rate(5 minutes)', undefined, 'every 5 minutes'],
    ['rate(1 hour)', undefined, 'every hour'],
    ['rate(12 hours)', undefined, 'every 12 hours'],
    ['rate(1 day)', undefined, 'every day'],
    ['rate(3 days)', undefined, 'every 3 days'],
    ['at(2026-11-28T02:20:00)', undefined, 'once, at 2026-11-28 02:20:00 UTC'],
    ['at(2026-03-11T10:21:00)', 'Asia/Kolkata', 'once, at 2026-03-11 10:21:00 Asia/Kolkata'],
    // Shapes it does not read, and expressions that are not valid, come back as written.
    ['cron(1-5/2 3 * * ? *)', undefined, 'cron(1-5/2 3 * * ? *)'],
    ['cron(0 0 */2 * ? *)', undefined, 'cron(0 0 */2 * ? *)'],
    ['cron(0 0 ? * 2/2 *)', undefined, 'cron(0 0 ? * 2/2 *)'],
    ['cron(0 0 * */3 ? *)', undefined, 'cron(0 0 * */3 ? *)'],
    ['cron(0 0 * * ? */4)', undefined, 'cron(0 0 * * ? */4)'],
    ['cron(0 0 * * * *)', undefined, 'cron(0 0 * * * *)'],
    ['rate(1 minutes)', undefined, 'rate(1 minutes)'],
    ['nonsense', undefined, 'nonsense'],
    ['', undefined, ''],
  ];
  it.each(cases)('%s (%s) reads "%s"', (expression, timeZone, reading) => {
    expect(describeSchedule(expression, timeZone)).toBe(reading);
  });
});
