import { beforeEach, describe, expect, it } from 'vitest';
import type { GroupScanOptions, StoredLogEvent } from '../../src/store/log-events.js';
import { SCAN_BATCH } from '../../src/store/log-order.js';
import { implementations } from './store-fixtures.js';
import {
  A,
  GROUP,
  T,
  byPosition,
  cursor,
  ev,
  messages,
  seqs,
  useLogStore,
} from './log-fixtures.js';

/** scanGroup's contract, asserted the same way against every store. */

describe.each(implementations)('log event scan: $name', ({ harness }) => {
  const fixture = useLogStore(harness);
  const { append, scan, scanFlat } = fixture;
  const logs = () => fixture.store.logEvents;

  describe('scanGroup', () => {
    const STREAMS = ['app/1', 'app/2', 'web/1'];
    let all: StoredLogEvent[];

    // 7,200 events over three streams, each appended whole after the other, whose
    // timestamps interleave and partly coincide.
    beforeEach(async () => {
      all = [];
      for (const [s, name] of STREAMS.entries()) {
        for (let batch = 0; batch < 3; batch++) {
          const events = Array.from({ length: 800 }, (_, i) => {
            const n = batch * 800 + i;
            return ev(n * 2 + (s === 2 ? 1 : 0), `${name}#${n}`);
          });
          all.push(...(await append(name, events)));
        }
      }
      all.sort(byPosition);
    });

    it('interleaves every stream by (timestamp, seq), in batches', async () => {
      const batches = await scan();
      expect(batches.length).toBeGreaterThan(1);
      expect(batches.every((b) => b.length > 0 && b.length <= SCAN_BATCH)).toBe(true);
      const flat = batches.flat();
      expect(flat).toEqual(all);
      // app/1 and app/2 share timestamps: app/1 was appended first, so it comes first.
      expect(messages(flat.slice(0, 4))).toEqual(['app/1#0', 'app/2#0', 'web/1#0', 'app/1#1']);
    });

    it.each<[string, GroupScanOptions, (e: StoredLogEvent) => boolean]>([
      ['a stream list', { logStreamNames: ['app/2', 'web/1'] }, (e) => e.logStreamName !== 'app/1'],
      ['one stream', { logStreamNames: ['web/1'] }, (e) => e.logStreamName === 'web/1'],
      ['unknown streams', { logStreamNames: ['nope', 'app/'] }, () => false],
      ['an empty stream list', { logStreamNames: [] }, () => false],
      ['a prefix', { logStreamNamePrefix: 'app/' }, (e) => e.logStreamName.startsWith('app/')],
      ['a prefix matching none', { logStreamNamePrefix: 'apps' }, () => false],
      [
        'a list and a prefix',
        { logStreamNames: ['app/1', 'web/1'], logStreamNamePrefix: 'app' },
        (e) => e.logStreamName === 'app/1',
      ],
      [
        'time bounds [start, end)',
        { startTime: T + 1001, endTime: T + 9000 },
        (e) => e.timestamp >= T + 1001 && e.timestamp < T + 9000,
      ],
      [
        'time bounds and a prefix',
        { startTime: T + 3000, endTime: T + 3010, logStreamNamePrefix: 'web' },
        (e) => e.logStreamName === 'web/1' && e.timestamp >= T + 3000 && e.timestamp < T + 3010,
      ],
    ])('selects with %s', async (_, options, keep) => {
      const want = all.filter(keep);
      expect(seqs(await scanFlat(options))).toEqual(seqs(want));
    });

    it('resumes strictly after a cursor, with or without filters', async () => {
      const from = cursor(all[3000]!);
      expect(seqs(await scanFlat({ from }))).toEqual(seqs(all.slice(3001)));
      const web = all.filter((e) => e.logStreamName === 'web/1');
      expect(seqs(await scanFlat({ from, logStreamNames: ['web/1'] }))).toEqual(
        seqs(web.filter((e) => byPosition(e, from) > 0)),
      );
      expect(await scanFlat({ from: cursor(all.at(-1)!) })).toEqual([]);
      // The later of cursor and startTime wins.
      expect(seqs(await scanFlat({ from: cursor(all[10]!), startTime: T + 4000 }))).toEqual(
        seqs(all.filter((e) => e.timestamp >= T + 4000)),
      );
    });

    it('a scan stopped after some batches continues from its last event', async () => {
      const seen: StoredLogEvent[] = [];
      for await (const batch of logs().scanGroup(A, GROUP, {})) {
        seen.push(...batch);
        if (seen.length >= 2 * SCAN_BATCH) break;
      }
      seen.push(...(await scanFlat({ from: cursor(seen.at(-1)!) })));
      expect(seqs(seen)).toEqual(seqs(all));
    });

    it('sees events appended between batches, in streams that match', async () => {
      const seen: StoredLogEvent[] = [];
      let appended = false;
      for await (const batch of logs().scanGroup(A, GROUP, {
        logStreamNamePrefix: 'app',
      })) {
        seen.push(...batch);
        if (!appended) {
          appended = true;
          await append('app/new', [ev(20_000, 'late')]);
          await append('zzz', [ev(20_001, 'other stream')]);
        }
      }
      expect(messages(seen.slice(-2))).toEqual(['app/2#2399', 'late']);
    });
  });
});
