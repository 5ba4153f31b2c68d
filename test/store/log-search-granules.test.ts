import { describe, expect, it } from 'vitest';
import {
  GRANULE_EVENTS,
  addToGranule,
  emptyGranule,
  mayContain,
  requiredBits,
} from '../../src/store/log-search/granules.js';
import {
  decodeSegment,
  encodeSegment,
  extendSegments,
  SEGMENT_GRANULES,
} from '../../src/store/log-search/segments.js';

/** The granule summaries: never a false negative, exact counts, lossless encoding. */

const messages = [
  '2026-11-28 02:20:01 [INFO] sample:logger processed item 1 in 3 ms',
  '{"level":"error","job":"nightly","ms":120}',
  'Überweisung fehlgeschlagen: Konto gesperrt — 42 €',
  'emoji 😀 and a lone \ud83d surrogate, then \udc00 another',
  '日本語のログ行: 定期実行が完了しました',
  'ab',
  'x',
];

describe('granule summaries', () => {
  it('count each message in UTF-8 bytes exactly as Buffer.byteLength does', () => {
    for (const message of messages) {
      const g = emptyGranule();
      addToGranule(g, { timestamp: 1, seq: 1, message });
      expect(g.bytes).toBe(Buffer.byteLength(message, 'utf8'));
    }
  });

  it('may contain every substring of three or more characters of their messages', () => {
    const g = emptyGranule();
    messages.forEach((message, i) => addToGranule(g, { timestamp: i, seq: i + 1, message }));
    for (const message of messages) {
      for (let start = 0; start < message.length; start++) {
        for (let end = start + 3; end <= Math.min(message.length, start + 12); end++) {
          expect(mayContain(g.bits, 0, requiredBits(message.slice(start, end)))).toBe(true);
        }
      }
    }
  });

  it('rule out most substrings that are not there', () => {
    const g = emptyGranule();
    messages.forEach((message, i) => addToGranule(g, { timestamp: i, seq: i + 1, message }));
    const absent = ['FATAL', 'panic:', 'segfault', 'OutOfMemory', 'timeout', 'refused', 'denied'];
    const maybe = absent.filter((t) => mayContain(g.bits, 0, requiredBits(t)));
    expect(maybe.length).toBeLessThan(absent.length);
  });

  it('have no bits for substrings shorter than three characters', () => {
    expect(requiredBits('ab')).toEqual([]);
  });

  it('keep time span, seqs and count', () => {
    const g = emptyGranule();
    addToGranule(g, { timestamp: 50, seq: 7, message: 'a' });
    addToGranule(g, { timestamp: 20, seq: 8, message: 'b' });
    addToGranule(g, { timestamp: 90, seq: 12, message: 'c' });
    expect([g.minTimestamp, g.maxTimestamp, g.firstSeq, g.lastSeq, g.count]).toEqual([
      20, 90, 7, 12, 3,
    ]);
  });
});

describe('segments', () => {
  it('fill granules of 16 events and segments of 64 granules, and encode losslessly', () => {
    const events = Array.from({ length: GRANULE_EVENTS * SEGMENT_GRANULES + 5 }, (_, i) => ({
      timestamp: 1000 + i,
      seq: 10 + i,
      message: `event ${i}`,
    }));
    const segments = extendSegments([], events);
    expect(segments.map((s) => s.length)).toEqual([SEGMENT_GRANULES, 1]);
    expect(segments[1]![0]!.count).toBe(5);
    const decoded = decodeSegment(encodeSegment(segments[0]!));
    expect(decoded).toEqual(segments[0]);
  });

  it('grow the last granule of an open segment before opening another', () => {
    const first = extendSegments([], [{ timestamp: 1, seq: 1, message: 'a' }]);
    const again = extendSegments(first[0]!, [{ timestamp: 2, seq: 2, message: 'b' }]);
    expect(again).toHaveLength(1);
    expect(again[0]).toHaveLength(1);
    expect(again[0]![0]!.count).toBe(2);
  });
});
