/**
 * The search index of the log event stores: a trigram summary per granule of events.
 *
 * A granule is up to `GRANULE_EVENTS` consecutive events of one stream, in append (seq)
 * order, so "the stream's events whose seq lies in [firstSeq, lastSeq]" names exactly its
 * events. Its summary is a one-hash Bloom filter over the trigrams (UTF-16 code units) of
 * their messages, plus the time span, count and UTF-8 bytes. A search for substrings of at
 * least three characters reads the summaries, skips every granule lacking one of their
 * trigrams, and reads only the others: ClickHouse's `ngrambf_v1` data-skipping index, at
 * the granularity of a few events.
 *
 * Chosen over SQLite's FTS5 (trigram tokenizer): FTS5 keeps a posting per trigram per
 * event, which made appends 4× as expensive in CPU (see docs/decisions.md), where this
 * summary costs one multiply per character and about 11 bytes per event.
 */

/** Events per granule: the unit the index can skip. */
export const GRANULE_EVENTS = 16;
/** Bloom filter size per granule, in bits (a power of two). */
export const SUMMARY_BITS = 1024;
export const SUMMARY_BYTES = SUMMARY_BITS / 8;
const HASH_SHIFT = 32 - Math.log2(SUMMARY_BITS);
/** Substrings shorter than this have no trigram: the index cannot help with them. */
export const MIN_INDEXED_LENGTH = 3;

export interface Granule {
  firstSeq: number;
  lastSeq: number;
  count: number;
  minTimestamp: number;
  maxTimestamp: number;
  /** UTF-8 bytes of the messages. */
  bytes: number;
  /**
   * Where a SQL store keeps the events (row ids, 0 when unknown): a granule whose rows are
   * (nearly) contiguous is read as one range of the table instead of through an index.
   */
  firstRowid: number;
  lastRowid: number;
  bits: Uint8Array;
}

export function emptyGranule(): Granule {
  return {
    firstSeq: 0,
    lastSeq: 0,
    count: 0,
    minTimestamp: 0,
    maxTimestamp: 0,
    bytes: 0,
    firstRowid: 0,
    lastRowid: 0,
    bits: new Uint8Array(SUMMARY_BYTES),
  };
}

export function isFull(granule: Granule): boolean {
  return granule.count >= GRANULE_EVENTS;
}

/** Adds one event (seqs increase from call to call within a stream). */
export function addToGranule(
  granule: Granule,
  event: { timestamp: number; seq: number; message: string },
  rowid = 0,
): void {
  if (granule.count === 0) {
    granule.firstSeq = event.seq;
    granule.firstRowid = rowid;
    granule.minTimestamp = event.timestamp;
    granule.maxTimestamp = event.timestamp;
  } else {
    if (event.timestamp < granule.minTimestamp) granule.minTimestamp = event.timestamp;
    if (event.timestamp > granule.maxTimestamp) granule.maxTimestamp = event.timestamp;
  }
  granule.lastSeq = event.seq;
  granule.lastRowid = rowid;
  granule.count++;
  granule.bytes += summarize(granule.bits, event.message);
}

/**
 * Sets the bit of every trigram of `message`; returns its UTF-8 length, counted in the
 * same pass (a lone surrogate counts 3, as Buffer.byteLength counts its replacement).
 * The trigram is rolled as `(a << 16 ^ b << 8 ^ c) & 0xffffff`, a function of the three
 * code units alone (exact for ASCII; wider units only collide more), then hashed.
 */
function summarize(bits: Uint8Array, message: string): number {
  const n = message.length;
  let bytes = n;
  let code = 0;
  for (let i = 0; i < n; i++) {
    const c = message.charCodeAt(i);
    if (c >= 0x80) bytes += extraUtf8Bytes(message, i, c);
    code = ((code << 8) ^ c) & 0xffffff;
    if (i >= 2) {
      const h = Math.imul(code, 0x9e3779b1) >>> HASH_SHIFT;
      bits[h >>> 3]! |= 1 << (h & 7);
    }
  }
  return bytes;
}

/** UTF-8 bytes beyond one of the code unit `c` at `i`. */
function extraUtf8Bytes(message: string, i: number, c: number): number {
  if (c < 0x800) return 1;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = message.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 1 : 2;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const previous = i > 0 ? message.charCodeAt(i - 1) : 0;
    return previous >= 0xd800 && previous <= 0xdbff ? 1 : 2;
  }
  return 2;
}

/** The bits a substring needs; empty when it is too short to have a trigram. */
export function requiredBits(term: string): number[] {
  const out = new Set<number>();
  let code = 0;
  for (let i = 0; i < term.length; i++) {
    code = ((code << 8) ^ term.charCodeAt(i)) & 0xffffff;
    if (i >= 2) out.add(Math.imul(code, 0x9e3779b1) >>> HASH_SHIFT);
  }
  return [...out];
}

/** Whether the summary at `offset` of `bits` has every bit in `needed`. */
export function mayContain(bits: Uint8Array, offset: number, needed: readonly number[]): boolean {
  for (const h of needed) {
    if ((bits[offset + (h >>> 3)]! & (1 << (h & 7))) === 0) return false;
  }
  return true;
}
