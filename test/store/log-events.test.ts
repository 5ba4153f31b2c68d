import { describe, expect, it } from 'vitest';
import type { LogCursor } from '../../src/store/log-events.js';
import type { Scope } from '../../src/store/types.js';
import { implementations } from './store-fixtures.js';
import {
  A,
  B,
  C,
  GROUP,
  INGESTED,
  T,
  cursor,
  ev,
  messages,
  seqs,
  useLogStore,
} from './log-fixtures.js';

/** The log event contract, asserted alike against every store; scans are in log-events-scan. */

describe.each(implementations)('log event store: $name', ({ harness }) => {
  const fixture = useLogStore(harness);
  const { append, scanFlat } = fixture;
  const logs = () => fixture.store.logEvents;
  describe('append and readStream', () => {
    it('returns the events as stored, in the order given, with increasing seqs', async () => {
      const stored = await append('s', [ev(2, 'two'), ev(1, 'one'), ev(3, 'three')]);
      expect(stored.map(({ seq: _, ...rest }) => rest)).toEqual([
        { logStreamName: 's', timestamp: T + 2, message: 'two', ingestionTime: INGESTED },
        { logStreamName: 's', timestamp: T + 1, message: 'one', ingestionTime: INGESTED },
        { logStreamName: 's', timestamp: T + 3, message: 'three', ingestionTime: INGESTED },
      ]);
      expect(stored[1]!.seq).toBeGreaterThan(stored[0]!.seq);
      expect(stored[2]!.seq).toBeGreaterThan(stored[1]!.seq);
      const later = await append('other', [ev(0)]);
      expect(later[0]!.seq).toBeGreaterThan(stored[2]!.seq);
      expect(await append('s', [])).toEqual([]);
    });

    it('reads one stream ascending and descending, time bounds [start, end)', async () => {
      const stored = await append(
        's',
        [0, 10, 20, 30, 40].map((o) => ev(o)),
      );
      await append('neighbour', [ev(15), ev(25)]);
      const read = (options: object) =>
        logs().readStream(A, GROUP, 's', { ascending: true, limit: 100, ...options });
      expect(await read({})).toEqual(stored);
      expect(messages(await read({ ascending: false }))).toEqual([
        'm40',
        'm30',
        'm20',
        'm10',
        'm0',
      ]);
      expect(messages(await read({ startTime: T + 10, endTime: T + 30 }))).toEqual(['m10', 'm20']);
      expect(
        messages(await read({ startTime: T + 10, endTime: T + 30, ascending: false })),
      ).toEqual(['m20', 'm10']);
      expect(messages(await read({ startTime: T + 11 }))).toEqual(['m20', 'm30', 'm40']);
      expect(messages(await read({ endTime: T + 11 }))).toEqual(['m0', 'm10']);
      expect(await read({ startTime: T + 30, endTime: T + 30 })).toEqual([]);
      expect(await read({ startTime: T + 40, endTime: T + 10 })).toEqual([]);
      expect(messages(await read({ limit: 2 }))).toEqual(['m0', 'm10']);
      expect(messages(await read({ limit: 2, ascending: false }))).toEqual(['m40', 'm30']);
      expect(await read({ limit: 0 })).toEqual([]);
    });

    it('resumes strictly after a cursor in either direction', async () => {
      const stored = await append(
        's',
        [0, 10, 10, 10, 20, 30].map((o) => ev(o)),
      );
      const read = (ascending: boolean, from: LogCursor, limit = 100) =>
        logs().readStream(A, GROUP, 's', { ascending, from, limit });
      expect(seqs(await read(true, cursor(stored[2]!)))).toEqual(seqs(stored.slice(3)));
      expect(seqs(await read(false, cursor(stored[2]!)))).toEqual(
        seqs(stored.slice(0, 2)).reverse(),
      );
      expect(seqs(await read(true, cursor(stored[2]!), 1))).toEqual([stored[3]!.seq]);
      for (const ascending of [true, false]) {
        const pages: number[] = [];
        let from: LogCursor | undefined;
        for (;;) {
          const page = await logs().readStream(A, GROUP, 's', {
            ascending,
            limit: 2,
            ...(from ? { from } : {}),
          });
          if (page.length === 0) break;
          pages.push(...seqs(page));
          from = cursor(page.at(-1)!);
        }
        expect(pages).toEqual(ascending ? seqs(stored) : seqs(stored).reverse());
      }
    });

    it('a cursor combines with time bounds, the tighter bound winning', async () => {
      const stored = await append(
        's',
        [0, 10, 20, 30, 40].map((o) => ev(o)),
      );
      const read = (options: object) =>
        logs().readStream(A, GROUP, 's', { ascending: true, limit: 100, ...options });
      expect(messages(await read({ from: cursor(stored[0]!), startTime: T + 20 }))).toEqual([
        'm20',
        'm30',
        'm40',
      ]);
      expect(messages(await read({ from: cursor(stored[2]!), startTime: T + 10 }))).toEqual([
        'm30',
        'm40',
      ]);
      expect(
        messages(await read({ ascending: false, from: cursor(stored[4]!), endTime: T + 20 })),
      ).toEqual(['m10', 'm0']);
    });

    it('keeps append order for equal timestamps, within and across batches', async () => {
      await append('s', [ev(5, 'a'), ev(5, 'b')]);
      await append('s', [ev(5, 'c'), ev(4, 'before'), ev(5, 'd')]);
      const read = (ascending: boolean) =>
        logs().readStream(A, GROUP, 's', { ascending, limit: 10 });
      expect(messages(await read(true))).toEqual(['before', 'a', 'b', 'c', 'd']);
      expect(messages(await read(false))).toEqual(['d', 'c', 'b', 'a', 'before']);
      expect(messages(await scanFlat())).toEqual(['before', 'a', 'b', 'c', 'd']);
    });

    it('reads out-of-order appends back sorted', async () => {
      await append('s', [ev(50), ev(40), ev(60)]);
      await append('s', [ev(10), ev(70), ev(45)]);
      await append('s', [ev(30), ev(20)]);
      await append('t', [ev(35), ev(5)]);
      const want = ['m5', 'm10', 'm20', 'm30', 'm35', 'm40', 'm45', 'm50', 'm60', 'm70'];
      const stream = await logs().readStream(A, GROUP, 's', {
        ascending: true,
        limit: 99,
      });
      expect(messages(stream)).toEqual(want.filter((m) => m !== 'm5' && m !== 'm35'));
      expect(messages(await scanFlat())).toEqual(want);
    });

    it('returns nothing for an unknown group or stream', async () => {
      await append('s', [ev(1)]);
      const options = { ascending: true, limit: 10 };
      expect(await logs().readStream(A, GROUP, 'nope', options)).toEqual([]);
      expect(await logs().readStream(A, 'nope', 's', options)).toEqual([]);
      expect(await scanFlat({}, A, 'nope')).toEqual([]);
    });

    it('keeps messages exactly', async () => {
      const texts = [
        '',
        'こんにちは 🚀',
        'tab\tnew\nline "q" \\',
        'nul\u0000inside',
        'x'.repeat(262_144),
      ];
      await append(
        's',
        texts.map((m, i) => ev(i, m)),
      );
      const read = await logs().readStream(A, GROUP, 's', { ascending: true, limit: 10 });
      expect(messages(read)).toEqual(texts);
      expect(messages(await scanFlat())).toEqual(texts);
    });

    it('copies on the way in and out', async () => {
      const input = [ev(1, 'original')];
      const appending = append('s', input);
      input[0]!.message = 'changed';
      const [returned] = await appending;
      returned!.message = 'changed too';
      const [read] = await logs().readStream(A, GROUP, 's', { ascending: true, limit: 1 });
      read!.message = 'and this';
      const [scanned] = await scanFlat();
      expect(scanned!.message).toBe('original');
    });
  });

  describe('deleting and expiring', () => {
    it('deleteStream removes one stream and leaves its group', async () => {
      await append('a', [ev(1), ev(3)]);
      await append('b', [ev(2)]);
      await logs().deleteStream(A, GROUP, 'a');
      expect(await logs().readStream(A, GROUP, 'a', { ascending: true, limit: 9 })).toEqual([]);
      expect(messages(await scanFlat())).toEqual(['m2']);
      await logs().deleteStream(A, GROUP, 'a');
      await logs().deleteStream(A, 'nope', 'a');
      await append('a', [ev(9, 'again')]);
      expect(messages(await scanFlat({ logStreamNames: ['a'] }))).toEqual(['again']);
    });

    it('deleteGroup removes every stream of one group only', async () => {
      await append('a', [ev(1)]);
      await append('b', [ev(2)]);
      await append('a', [ev(3)], A, 'other');
      await logs().deleteGroup(A, GROUP);
      expect(await scanFlat()).toEqual([]);
      expect(messages(await scanFlat({}, A, 'other'))).toEqual(['m3']);
      await logs().deleteGroup(A, GROUP);
      await append('a', [ev(4)]);
      expect(messages(await scanFlat())).toEqual(['m4']);
    });

    it('expire removes events before a time across streams and counts them', async () => {
      await append('a', [ev(1), ev(5), ev(10)]);
      await append('b', [ev(2), ev(10), ev(20)]);
      await append('a', [ev(1)], A, 'other');
      expect(await logs().expire(A, GROUP, T + 10)).toBe(3);
      expect(messages(await scanFlat())).toEqual(['m10', 'm10', 'm20']);
      expect(await logs().expire(A, GROUP, T + 10)).toBe(0);
      expect(await logs().expire(A, 'nope', T + 10)).toBe(0);
      const a = await logs().readStream(A, GROUP, 'a', { ascending: true, limit: 9 });
      expect(messages(a)).toEqual(['m10']);
      expect(await logs().expire(A, GROUP, T + 100)).toBe(3);
      expect(await scanFlat()).toEqual([]);
      expect(messages(await scanFlat({}, A, 'other'))).toEqual(['m1']);
      await append('a', [ev(0, 'old but new')]);
      expect(messages(await scanFlat())).toEqual(['old but new']);
    });

    it('deletes and expires streams bigger than one delete step', async () => {
      const big = Array.from({ length: 12_345 }, (_, i) => ev(i));
      await append('big', big.slice(0, 6000));
      await append('big', big.slice(6000));
      await append('small', [ev(1)]);
      expect(await logs().expire(A, GROUP, T + 11_000)).toBe(11_001);
      await logs().deleteStream(A, GROUP, 'big');
      expect(messages(await scanFlat())).toEqual([]);
      await append('big', big);
      await logs().deleteGroup(A, GROUP);
      expect(await scanFlat()).toEqual([]);
    });
  });

  describe('scopes, reset and the store', () => {
    it('isolates accounts and regions', async () => {
      await append('s', [ev(1, 'A')], A);
      await append('s', [ev(1, 'B')], B);
      await append('s', [ev(1, 'C')], C);
      const read = (scope: Scope) =>
        logs().readStream(scope, GROUP, 's', { ascending: true, limit: 9 });
      expect(messages(await read(B))).toEqual(['B']);
      expect(messages(await scanFlat({}, C))).toEqual(['C']);
      await logs().deleteStream(B, GROUP, 's');
      await logs().deleteGroup(C, GROUP);
      expect(await logs().expire(A, GROUP, T + 100)).toBe(1);
      expect(await read(A)).toEqual([]);
      expect(await read(B)).toEqual([]);
      expect(await read(C)).toEqual([]);
      await append('s', [ev(2, 'B2')], B);
      expect(messages(await scanFlat({}, B))).toEqual(['B2']);
      expect(await scanFlat({}, A)).toEqual([]);
    });

    it('does not confuse scopes whose parts concatenate alike', async () => {
      await append('s', [ev(1)], { accountId: 'ab', region: 'c' });
      expect(await scanFlat({}, { accountId: 'a', region: 'bc' })).toEqual([]);
    });

    it('reset empties every log event, and seqs still only grow', async () => {
      const [before] = await append('s', [ev(1)]);
      await append('s', [ev(1)], B);
      await fixture.store.collection<number>('things').put(A, 'x', 1);
      await fixture.store.reset();
      expect(await scanFlat()).toEqual([]);
      expect(await scanFlat({}, B)).toEqual([]);
      expect(await fixture.store.collection<number>('things').get(A, 'x')).toBeUndefined();
      const [after] = await append('s', [ev(1)]);
      expect(after!.seq).toBeGreaterThan(before!.seq + 1);
    });

    it('never hands out a seq twice, even after the newest events are deleted', async () => {
      await append('s', [ev(1)]);
      const newest = await append('t', [ev(2), ev(3)]);
      await logs().deleteStream(A, GROUP, 't');
      const [next] = await append('t', [ev(4)]);
      expect(next!.seq).toBeGreaterThan(newest[1]!.seq);
    });

    it('an append waits for an open transaction, and refuses to run inside one', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inside: unknown;
      const tx = fixture.store.transaction(async () => {
        inside = await append('s', [ev(1, 'inside')]).catch((error: unknown) => error);
        await held;
      });
      await Promise.resolve();
      const appending = append('s', [ev(2, 'outside')]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(await scanFlat()).toEqual([]);
      release();
      await tx;
      await appending;
      expect(inside).toBeInstanceOf(Error);
      expect(messages(await scanFlat())).toEqual(['outside']);
    });

    it('refuses work once closed', async () => {
      await fixture.store.close();
      await expect(append('s', [ev(1)])).rejects.toThrow(/closed/);
      await expect(logs().readStream(A, GROUP, 's', { ascending: true, limit: 1 })).rejects.toThrow(
        /closed/,
      );
      await expect(scanFlat()).rejects.toThrow(/closed/);
      await expect(logs().expire(A, GROUP, T)).rejects.toThrow(/closed/);
    });
  });
});
