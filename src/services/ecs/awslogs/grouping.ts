/**
 * Lines into log events, as moby's awslogs driver (`collectBatch`/`processEvent`) makes
 * them:
 * - without a start pattern every non-empty line is one event; an empty line is skipped
 *   (PutLogEvents refuses empty messages and moby never sends one);
 * - with a start pattern (`awslogs-multiline-pattern`, or `awslogs-datetime-format`
 *   converted) a line that matches starts a new event and the others join the current
 *   one. Every line enters the event followed by "\n", so a grouped event ends with a
 *   newline, and an empty continuation line stays as an empty line. Lines before the
 *   first start line form an event of their own.
 * - an event is at most 262,118 bytes (256 KiB less the 26 bytes PutLogEvents counts per
 *   event, moby's and shim-loggers' limit): a longer line is cut into pieces at character
 *   boundaries, as the shim hands it over, and a grouped event that would grow past the
 *   limit is emitted first and the line starts the next one.
 *
 * An event carries the time its first line arrived.
 */
import type { NewLogEvent } from '../../../store/log-events.js';
import type { LinearRegex } from '../../../engine/linear-regex/index.js';

export const MAX_EVENT_BYTES = 262_144 - 26;

export type EmitEvent = (event: NewLogEvent, bytes: number) => void;

export class LineGrouper {
  private buffer = '';
  private bufferBytes = 0;
  private bufferTimestamp = 0;

  constructor(
    private readonly startPattern: LinearRegex | undefined,
    private readonly emit: EmitEvent,
  ) {}

  /** True while a multi-line event waits for its next line or a flush. */
  get pending(): boolean {
    return this.bufferBytes > 0;
  }

  push(line: string, timestamp: number): void {
    for (const piece of pieces(line)) {
      if (this.startPattern === undefined) {
        if (piece.text.length > 0) this.emit({ timestamp, message: piece.text }, piece.bytes);
        continue;
      }
      this.pushGrouped(piece, timestamp, this.startPattern);
    }
  }

  /** Emits the pending multi-line event, if any. */
  flush(): void {
    if (this.bufferBytes === 0) return;
    this.emit({ timestamp: this.bufferTimestamp, message: this.buffer }, this.bufferBytes);
    this.buffer = '';
    this.bufferBytes = 0;
  }

  private pushGrouped(piece: Piece, timestamp: number, startPattern: LinearRegex): void {
    // A piece of the maximum size takes no newline: it would not fit (moby's rule too).
    const full = piece.bytes >= MAX_EVENT_BYTES;
    const bytes = full ? piece.bytes : piece.bytes + 1;
    if (startPattern.test(piece.text) || this.bufferBytes + bytes > MAX_EVENT_BYTES) this.flush();
    if (this.bufferBytes === 0) this.bufferTimestamp = timestamp;
    this.buffer += full ? piece.text : piece.text + '\n';
    this.bufferBytes += bytes;
  }
}

interface Piece {
  text: string;
  bytes: number;
}

/** The line in pieces of at most MAX_EVENT_BYTES UTF-8 bytes, cut between characters. */
function pieces(line: string): Piece[] {
  // A UTF-16 unit is at most three UTF-8 bytes: short lines need no counting loop.
  const bytes = line.length * 3 <= MAX_EVENT_BYTES ? -1 : Buffer.byteLength(line, 'utf8');
  if (bytes <= MAX_EVENT_BYTES) {
    return [{ text: line, bytes: bytes < 0 ? Buffer.byteLength(line, 'utf8') : bytes }];
  }
  const out: Piece[] = [];
  let text = '';
  let size = 0;
  for (const char of line) {
    const charBytes = Buffer.byteLength(char, 'utf8');
    if (size + charBytes > MAX_EVENT_BYTES) {
      out.push({ text, bytes: size });
      text = '';
      size = 0;
    }
    text += char;
    size += charBytes;
  }
  if (size > 0) out.push({ text, bytes: size });
  return out;
}
