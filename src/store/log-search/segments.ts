/**
 * Granule summaries packed for a SQL row: a segment holds up to `SEGMENT_GRANULES`
 * consecutive granules of one stream, each `GRANULE_BYTES` long (eight little-endian
 * doubles then the Bloom bits), so a search reads a group's index in few, large rows.
 */
import {
  GRANULE_EVENTS,
  SUMMARY_BYTES,
  addToGranule,
  emptyGranule,
  isFull,
  type Granule,
} from './granules.js';

export const SEGMENT_GRANULES = 64;
const HEADER_BYTES = 8 * 8;
export const GRANULE_BYTES = HEADER_BYTES + SUMMARY_BYTES;

export function encodeSegment(granules: readonly Granule[]): Buffer {
  const buffer = Buffer.alloc(granules.length * GRANULE_BYTES);
  granules.forEach((g, i) => {
    const at = i * GRANULE_BYTES;
    buffer.writeDoubleLE(g.firstSeq, at);
    buffer.writeDoubleLE(g.lastSeq, at + 8);
    buffer.writeDoubleLE(g.count, at + 16);
    buffer.writeDoubleLE(g.minTimestamp, at + 24);
    buffer.writeDoubleLE(g.maxTimestamp, at + 32);
    buffer.writeDoubleLE(g.bytes, at + 40);
    buffer.writeDoubleLE(g.firstRowid, at + 48);
    buffer.writeDoubleLE(g.lastRowid, at + 56);
    buffer.set(g.bits, at + HEADER_BYTES);
  });
  return buffer;
}

export function segmentLength(segment: Uint8Array): number {
  return Math.floor(segment.length / GRANULE_BYTES);
}

/** The i-th granule's header; its bits stay in `segment` at `bitsOffset(i)`. */
export function granuleHeader(segment: Buffer, i: number): Omit<Granule, 'bits'> {
  const at = i * GRANULE_BYTES;
  return {
    firstSeq: segment.readDoubleLE(at),
    lastSeq: segment.readDoubleLE(at + 8),
    count: segment.readDoubleLE(at + 16),
    minTimestamp: segment.readDoubleLE(at + 24),
    maxTimestamp: segment.readDoubleLE(at + 32),
    bytes: segment.readDoubleLE(at + 40),
    firstRowid: segment.readDoubleLE(at + 48),
    lastRowid: segment.readDoubleLE(at + 56),
  };
}

/** Doubles per granule: the header's six, then the bits (GRANULE_BYTES is a multiple of 8). */
export const GRANULE_DOUBLES = GRANULE_BYTES / 8;

/**
 * The segment's headers as doubles (granule i's fields at i * GRANULE_DOUBLES: firstSeq,
 * lastSeq, count, minTimestamp, maxTimestamp, bytes, firstRowid, lastRowid), without
 * copying when aligned.
 */
export function headerDoubles(segment: Buffer): Float64Array {
  if (segment.byteOffset % 8 === 0) {
    return new Float64Array(segment.buffer, segment.byteOffset, segment.length / 8);
  }
  return new Float64Array(Uint8Array.from(segment).buffer);
}

export function bitsOffset(i: number): number {
  return i * GRANULE_BYTES + HEADER_BYTES;
}

export function decodeSegment(segment: Buffer): Granule[] {
  const out: Granule[] = [];
  for (let i = 0; i < segmentLength(segment); i++) {
    const at = bitsOffset(i);
    out.push({
      ...granuleHeader(segment, i),
      bits: Uint8Array.from(segment.subarray(at, at + SUMMARY_BYTES)),
    });
  }
  return out;
}

/**
 * A stored segment about to grow: its full granules stay as bytes (`sealed`), only a last
 * granule with room is decoded (`tail`), and `room` says how many granules `tail` may
 * become. Undefined when the segment is full.
 */
export function reopen(
  segment: Buffer,
): { sealed: Buffer; tail: Granule[]; room: number } | undefined {
  const n = segmentLength(segment);
  const lastFull = n === 0 || granuleHeader(segment, n - 1).count >= GRANULE_EVENTS;
  if (lastFull && n >= SEGMENT_GRANULES) return undefined;
  const kept = lastFull ? n : n - 1;
  return {
    sealed: segment.subarray(0, kept * GRANULE_BYTES),
    tail: lastFull ? [] : decodeSegment(segment.subarray(kept * GRANULE_BYTES)),
    room: SEGMENT_GRANULES - kept,
  };
}

/**
 * Adds a stream's newly appended events (in seq order) after the granules `open` (possibly
 * empty), which may grow to `room` granules: the first list returned is `open` grown, the
 * others are new segments.
 */
export function extendSegments(
  open: Granule[],
  events: ReadonlyArray<{ timestamp: number; seq: number; message: string }>,
  room = SEGMENT_GRANULES,
  /** Where a SQL store keeps `events[i]` (absent, or 0: unknown). */
  rowidOf: (i: number) => number = () => 0,
): Granule[][] {
  let current = open;
  let capacity = room;
  const segments = [current];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    let last = current[current.length - 1];
    if (!last || isFull(last)) {
      if (current.length >= capacity) {
        capacity = SEGMENT_GRANULES;
        current = [];
        segments.push(current);
      }
      last = emptyGranule();
      current.push(last);
    }
    addToGranule(last, event, rowidOf(i));
  }
  return segments;
}

export function segmentSpan(granules: readonly Granule[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const g of granules) {
    if (g.minTimestamp < min) min = g.minTimestamp;
    if (g.maxTimestamp > max) max = g.maxTimestamp;
  }
  return { min, max };
}
