/**
 * Turns a byte stream into lines: `\n` or `\r\n` ends a line, UTF-8 characters split across
 * chunks are kept whole, and whatever is left when the stream ends is the last line.
 */
import { StringDecoder } from 'node:string_decoder';

/**
 * A line without a terminator is cut here so a process that never prints a newline cannot
 * grow teiki's memory without bound. CloudWatch Logs takes at most 256 KiB per event, so
 * nothing longer could be delivered whole anyway.
 */
export const MAX_LINE_CHARS = 256 * 1024;

export interface LineSplitter {
  push(chunk: Buffer): void;
  /** Delivers the unterminated rest, if any. */
  end(): void;
}

export function createLineSplitter(onLine: (line: string) => void): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const take = (text: string) => {
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline !== -1) {
      const head = pending + text.slice(0, newline);
      pending = '';
      onLine(stripCarriageReturn(head));
      start = newline + 1;
      while ((newline = text.indexOf('\n', start)) !== -1) {
        onLine(stripCarriageReturn(text.slice(start, newline)));
        start = newline + 1;
      }
    }
    pending += text.slice(start);
    while (pending.length >= MAX_LINE_CHARS) {
      onLine(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  };
  return {
    push: (chunk) => take(decoder.write(chunk)),
    end: () => {
      take(decoder.end());
      if (pending !== '') onLine(stripCarriageReturn(pending));
      pending = '';
    },
  };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
