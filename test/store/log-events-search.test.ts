import { beforeEach, describe, expect, it } from 'vitest';
import type { GroupScanOptions, StoredLogEvent } from '../../src/store/log-events.js';
import { implementations } from './store-fixtures.js';
import { GROUP, T, byPosition, cursor, ev, messages, useLogStore } from './log-fixtures.js';

/**
 * scanGroup's `contains` and `onSkipped`, asserted the same way against every store with a
 * search index: exactly the events holding every substring, in (timestamp, seq) order, and
 * every other event of the range counted as skipped.
 */
describe.each(implementations)('log event search: $name', ({ harness }) => {
  const fixture = useLogStore(harness);
  const { append, scanFlat } = fixture;

  /** What a search must answer: the range's events holding every term, in order. */
  const expected = (all: StoredLogEvent[], terms: string[], keep = (_: StoredLogEvent) => true) =>
    all.filter((e) => keep(e) && terms.every((t) => e.message.includes(t))).sort(byPosition);

  async function search(options: GroupScanOptions) {
    let skipped = 0;
    let skippedBytes = 0;
    const events = await scanFlat({
      ...options,
      onSkipped: (n, bytes) => {
        skipped += n;
        skippedBytes += bytes;
      },
    });
    return { events, skipped, skippedBytes };
  }

  describe('over interleaved streams', () => {
    const STREAMS = ['app/1', 'app/2', 'web/1'];
    let all: StoredLogEvent[];

    // 6,000 events in three streams whose timestamps interleave and partly coincide; one
    // in 97 is an ERROR (rare enough for the index), every other is INFO (common).
    beforeEach(async () => {
      all = [];
      for (const [s, name] of STREAMS.entries()) {
        for (let batch = 0; batch < 2; batch++) {
          const events = Array.from({ length: 1000 }, (_, i) => {
            const n = batch * 1000 + i;
            const level = (n + s) % 97 === 0 ? 'ERROR' : n % 2 ? 'INFO' : 'DEBUG';
            return ev(n * 2 + (s === 2 ? 1 : 0), `${level} ${name} request ${n} done ✓`);
          });
          all.push(...(await append(name, events)));
        }
      }
    });

    it.each([
      ['a rare term', ['ERROR']],
      ['a common term', ['INFO']],
      ['two terms', ['ERROR', 'app/2']],
      ['a term no event has', ['FATAL']],
      ['a short term', ['99']],
      ['a term with characters beyond ASCII', ['done ✓']],
      ['an empty term among others', ['', 'ERROR']],
    ])('yields exactly the events holding %s, in order', async (_, terms) => {
      const { events, skipped } = await search({ contains: terms });
      const want = expected(all, terms);
      expect(messages(events)).toEqual(messages(want));
      expect(events.map(cursor)).toEqual(want.map(cursor));
      expect(skipped + events.length).toBe(all.length);
    });

    it('counts the skipped events and their bytes exactly', async () => {
      const { events, skipped, skippedBytes } = await search({ contains: ['ERROR'] });
      const others = all.filter((e) => !e.message.includes('ERROR'));
      expect(skipped).toBe(others.length);
      expect(skippedBytes).toBe(others.reduce((n, e) => n + Buffer.byteLength(e.message), 0));
      expect(events.every((e) => e.message.includes('ERROR'))).toBe(true);
    });

    it('keeps to the time range, whose edges cut granules, and counts only inside it', async () => {
      const startTime = T + 333;
      const endTime = T + 2_777;
      const inRange = (e: StoredLogEvent) => e.timestamp >= startTime && e.timestamp < endTime;
      const { events, skipped } = await search({ contains: ['ERROR'], startTime, endTime });
      expect(events.map(cursor)).toEqual(expected(all, ['ERROR'], inRange).map(cursor));
      expect(skipped + events.length).toBe(all.filter(inRange).length);
    });

    it('resumes after a cursor, as FilterLogEvents pages', async () => {
      const want = expected(all, ['ERROR']);
      const from = cursor(want[10]!);
      const { events } = await search({ contains: ['ERROR'], from });
      expect(events.map(cursor)).toEqual(want.slice(11).map(cursor));
    });

    it('keeps to the streams named or prefixed', async () => {
      const byName = await search({ contains: ['ERROR'], logStreamNames: ['app/2', 'web/1'] });
      expect(byName.events.map(cursor)).toEqual(
        expected(all, ['ERROR'], (e) => e.logStreamName !== 'app/1').map(cursor),
      );
      const byPrefix = await search({ contains: ['ERROR'], logStreamNamePrefix: 'app/' });
      expect(byPrefix.events.map(cursor)).toEqual(
        expected(all, ['ERROR'], (e) => e.logStreamName.startsWith('app/')).map(cursor),
      );
      expect(byPrefix.events.every((e) => e.logStreamName.startsWith('app/'))).toBe(true);
    });

    it('forgets a deleted stream and expired events', async () => {
      await fixture.store.logEvents.deleteStream(
        { accountId: '000000000000', region: 'us-east-1' },
        GROUP,
        'app/1',
      );
      await fixture.store.logEvents.expire(
        { accountId: '000000000000', region: 'us-east-1' },
        GROUP,
        T + 1_000,
      );
      const left = (e: StoredLogEvent) => e.logStreamName !== 'app/1' && e.timestamp >= T + 1_000;
      const { events, skipped } = await search({ contains: ['ERROR'] });
      expect(events.map(cursor)).toEqual(expected(all, ['ERROR'], left).map(cursor));
      expect(skipped + events.length).toBe(all.filter(left).length);
    });
  });

  it('finds events of many one-event appends, and of appends that go back in time', async () => {
    const all: StoredLogEvent[] = [];
    for (let i = 0; i < 300; i++) {
      // Each append is one event; every 7th goes back in time by a minute.
      const offset = i % 7 === 0 ? i * 10 - 60_000 : i * 10;
      all.push(
        ...(await append(`s${i % 3}`, [
          ev(offset, i % 25 === 0 ? `job ${i} FAILED` : `job ${i} ok`),
        ])),
      );
    }
    const { events, skipped } = await search({ contains: ['FAILED'] });
    expect(events.map(cursor)).toEqual(expected(all, ['FAILED']).map(cursor));
    expect(skipped).toBe(all.length - events.length);
  });

  it.each([
    ['a plain term', ['job']],
    ['a term holding U+0000', ['\u0000x']],
    ['a term holding U+0001', ['\u0001']],
    ['a term holding U+0002', ['\u0002y']],
  ])(
    'matches %s in messages with control characters, and counts skipped bytes as given',
    async (_, terms) => {
      // PostgreSQL stores U+0000 and U+0001 escaped (two characters each): neither a
      // match across an escape nor the escape's extra bytes may show.
      const all = await append('s', [
        ev(1, 'job \u0000x done'),
        ev(2, '\u0000\u0002y'),
        ev(3, '\u0001\u0001\u0000'),
        ev(4, 'plain ✓'),
        ev(5, '\u0001x \u0002y job'),
        // Stored as 'z' U+0001 U+0002 'y': holds U+0002 'y' only once escaped.
        ev(6, 'z\u0001y'),
      ]);
      const { events, skipped, skippedBytes } = await search({ contains: terms });
      const want = expected(all, terms);
      expect(events.map(cursor)).toEqual(want.map(cursor));
      expect(messages(events)).toEqual(messages(want));
      const others = all.filter((e) => !want.includes(e));
      expect(skipped).toBe(others.length);
      expect(skippedBytes).toBe(others.reduce((n, e) => n + Buffer.byteLength(e.message), 0));
    },
  );

  it('answers the same without contains: every event, no skipping reported', async () => {
    const stored = await append('s', [ev(1, 'a'), ev(2, 'b')]);
    const { events, skipped } = await search({});
    expect(events.map(cursor)).toEqual(stored.map(cursor));
    expect(skipped).toBe(0);
  });
});
