import { PatternFault, formatLocation } from './faults.js';

/**
 * A position in the pattern text, kept the way Jackson's ReaderBasedJsonParser keeps it
 * (UTF-16 offset, 1-based line, offset of the line's start), because AWS's reasons quote
 * Jackson's "line: L, column: C" and the column depends on how far Jackson has read.
 */
export class Cursor {
  pos = 0;
  row = 1;
  rowStart = 0;

  constructor(readonly src: string) {}

  get atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  /** The next UTF-16 unit without consuming it, or -1 at the end. */
  peek(): number {
    return this.pos < this.src.length ? this.src.charCodeAt(this.pos) : -1;
  }

  /** Consumes and returns the next unit; callers check `atEnd` first. */
  take(): number {
    return this.src.charCodeAt(this.pos++);
  }

  /** After consuming LF. */
  lineFeed(): void {
    this.row++;
    this.rowStart = this.pos;
  }

  /** After consuming CR: a following LF belongs to the same line break. */
  carriageReturn(): void {
    if (this.peek() === 0x0a) this.pos++;
    this.row++;
    this.rowStart = this.pos;
  }

  column(): number {
    return this.pos - this.rowStart + 1;
  }

  location(): string {
    return formatLocation(this.src, this.row, this.column());
  }

  /** Jackson's JsonParseException: the message, then where the parser stands. */
  fail(message: string): never {
    throw new PatternFault(`${message}\n at ${this.location()}`, 'parse');
  }

  /**
   * Jackson 2.17+ reports an unexpected character at the character itself, one before
   * where it stands after consuming it.
   */
  failAtPrevious(message: string): never {
    const at = formatLocation(this.src, this.row, this.column() - 1);
    throw new PatternFault(`${message}\n at ${at}`, 'parse');
  }
}
