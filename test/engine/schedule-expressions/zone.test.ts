/**
 * The zone module's cached offsets and wall-clock resolution against Intl asked directly,
 * in zones with every kind of history: 30- and 45-minute offsets, a 30-minute shift,
 * Ramadan suspensions, negative daylight saving, a skipped day and an offset in seconds.
 */
import { describe, expect, it } from 'vitest';
import { zoneFor } from '../../../src/engine/schedule-expressions/zone.js';
import { prng } from '../../helpers/prng.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Asia/Tokyo',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Pacific/Apia',
  'Pacific/Chatham',
  'America/Santiago',
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'Pacific/Kiritimati',
  'America/St_Johns',
];

function intlOffset(timeZone: string): (t: number) => number {
  // sv-SE formats as "2024-11-03 01:30:00".
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  return (t) => Date.parse(`${format.format(t).replace(' ', 'T')}Z`) - Math.floor(t / 1000) * 1000;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The instants (to the second) where the offset changes in the given years. */
function changes(offset: (t: number) => number, years: number[]): number[] {
  const out: number[] = [];
  for (const year of years)
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 6 * HOUR) {
      if (offset(t) === offset(t + 6 * HOUR)) continue;
      let lo = t;
      let hi = t + 6 * HOUR;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offset(mid) === offset(lo)) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
  return out;
}

/**
 * The inputs where two functions answer differently, as [input, ours, theirs], compared
 * as toEqual compares numbers (Object.is). One expect per test rather than one per input:
 * Vitest's expect costs more than the zone and Intl together, over tens of thousands.
 */
function differences<T>(
  inputs: Iterable<number>,
  ours: (input: number) => T,
  theirs: (input: number) => T,
): Array<[number, T, T]> {
  const out: Array<[number, T, T]> = [];
  for (const input of inputs) {
    const [a, b] = [ours(input), theirs(input)];
    if (!Object.is(a, b)) out.push([input, a, b]);
  }
  return out;
}

describe.each(ZONES)('%s', (name) => {
  const zone = zoneFor(name);
  const offset = intlOffset(name);
  const changed = changes(offset, [1972, 2011, 2024]);

  it('gives Intl’s offset at 3,000 random instants from 1970 to 2199', () => {
    const rng = prng(name.length * 7919);
    const instants = Array.from({ length: 3_000 }, () =>
      Math.floor(Date.UTC(1970, 0, 1) + rng() * (Date.UTC(2200, 0, 1) - Date.UTC(1970, 0, 1))),
    );
    expect(differences(instants, (t) => zone.offsetMs(t), offset).slice(0, 10)).toEqual([]);
  });

  it('gives Intl’s offset every hour of 2024, and around each change of 1972, 2011 and 2024', () => {
    const instants: number[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += HOUR) instants.push(t);
    for (const change of changed)
      for (const d of [-MINUTE, -1000, -1, 0, 1, 1000, MINUTE]) instants.push(change + d);
    expect(differences(instants, (t) => zone.offsetMs(t), offset).slice(0, 10)).toEqual([]);
  });

  it('resolves wall-clock times to their first instant, or to none in a gap', () => {
    const rng = prng(name.length * 104729);
    const locals: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const t = Date.UTC(1970, 0, 1) + rng() * (Date.UTC(2199, 0, 1) - Date.UTC(1970, 0, 1));
      locals.push(Math.floor(t / MINUTE) * MINUTE);
    }
    // Every wall-clock minute from 90 minutes before each change to 90 after.
    for (const change of changed) {
      const wall = Math.floor((change + offset(change - 1000)) / MINUTE) * MINUTE;
      for (let m = -90; m <= 90; m++) locals.push(wall + m * MINUTE);
    }
    const firstReading = (local: number) => {
      // Every instant whose wall clock reads `local`, from the offsets around it.
      const around = [-2, -1, 0, 1, 2].map((d) => offset(local + d * 12 * HOUR));
      const readings = [...new Set(around)]
        .map((o) => local - o)
        .filter((t) => t + offset(t) === local)
        .sort((a, b) => a - b);
      return readings[0];
    };
    expect(
      differences(locals, (local) => zone.instantOf(local), firstReading).slice(0, 10),
    ).toEqual([]);
  });

  it('sees the changes it is tested around', () => {
    const steady = ['Asia/Tokyo', 'Asia/Kathmandu', 'Pacific/Kiritimati'];
    if (steady.includes(name)) expect(changed).toEqual([]);
    else expect(changed.length).toBeGreaterThan(0);
  });
});
