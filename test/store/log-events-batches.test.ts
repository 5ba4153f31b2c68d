import { describe, expect, it } from 'vitest';
import { implementations } from './store-fixtures.js';
import { A, B, GROUP, INGESTED, T, ev, messages, useLogStore } from './log-fixtures.js';

/** `appendMany`, asserted alike against every store: many streams, one atomic write. */

describe.each(implementations)('log event store, appendMany: $name', ({ harness }) => {
  const fixture = useLogStore(harness);
  const { append, scanFlat } = fixture;
  const logs = () => fixture.store.logEvents;
  const read = (stream: string, scope = A, group = GROUP) =>
    logs().readStream(scope, group, stream, { ascending: true, limit: 100 });

  it('appends to many streams and groups, answering each append as stored', async () => {
    const before = await append('old', [ev(0, 'before')]);
    const stored = await logs().appendMany(
      [
        { scope: A, logGroupName: GROUP, logStreamName: 's1', events: [ev(2, 'a'), ev(1, 'b')] },
        { scope: A, logGroupName: GROUP, logStreamName: 'empty', events: [] },
        { scope: B, logGroupName: GROUP, logStreamName: 's1', events: [ev(3, 'c')] },
        { scope: A, logGroupName: '/other', logStreamName: 's2', events: [ev(4, 'd')] },
        { scope: A, logGroupName: GROUP, logStreamName: 's1', events: [ev(5, 'e')] },
      ],
      INGESTED,
    );
    expect(stored.map((events) => events.map(({ seq: _, ...rest }) => rest))).toEqual([
      [
        { logStreamName: 's1', timestamp: T + 2, message: 'a', ingestionTime: INGESTED },
        { logStreamName: 's1', timestamp: T + 1, message: 'b', ingestionTime: INGESTED },
      ],
      [],
      [{ logStreamName: 's1', timestamp: T + 3, message: 'c', ingestionTime: INGESTED }],
      [{ logStreamName: 's2', timestamp: T + 4, message: 'd', ingestionTime: INGESTED }],
      [{ logStreamName: 's1', timestamp: T + 5, message: 'e', ingestionTime: INGESTED }],
    ]);
    const seqs = stored.flat().map((e) => e.seq);
    // In the order given, after everything stored before.
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs[0]).toBeGreaterThan(before[0]!.seq);
    expect(messages(await read('s1'))).toEqual(['b', 'a', 'e']);
    expect(messages(await read('s1', B))).toEqual(['c']);
    expect(messages(await read('s2', A, '/other'))).toEqual(['d']);
    expect(messages(await read('empty'))).toEqual([]);
    expect(messages(await scanFlat())).toEqual(['before', 'b', 'a', 'e']);
    // The seqs it answered are the ones stored: reads agree.
    expect((await read('s1')).map((e) => e.seq)).toEqual([
      stored[0]![1]!.seq,
      stored[0]![0]!.seq,
      stored[4]![0]!.seq,
    ]);
  });

  it('answers nothing for nothing, and keeps messages exactly', async () => {
    expect(await logs().appendMany([], INGESTED)).toEqual([]);
    const texts = ['こんにちは 🚀', 'nul\u0000inside', 'tab\tnew\nline "q" \\'];
    await logs().appendMany(
      texts.map((m, i) => ({
        scope: A,
        logGroupName: GROUP,
        logStreamName: `s${i}`,
        events: [ev(i, m)],
      })),
      INGESTED,
    );
    expect(messages(await scanFlat())).toEqual(texts);
  });
});
