/**
 * A strict JSON reader for log events that keeps each number as written: AWS compares a
 * quoted pattern value with a number's text (`"12"` differs from `12.0`), which
 * `JSON.parse` would lose. It returns undefined for anything that is not one JSON
 * document, so an event that merely looks like JSON never matches.
 */
export class JsonNumber {
  constructor(readonly raw: string) {}
  get value(): number {
    return Number(this.raw);
  }
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | Map<string, JsonValue>;

/** Deeper documents are refused, as Jackson's default nesting limit refuses them. */
const MAX_DEPTH = 1000;

const INVALID = Symbol('invalid');
type Result = JsonValue | typeof INVALID;

export function parseJson(text: string): JsonValue | undefined {
  const p = new Parser(text);
  p.skipWs();
  const value = p.value(0);
  if (value === INVALID) return undefined;
  p.skipWs();
  return p.pos === text.length ? value : undefined;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  skipWs(): void {
    const s = this.s;
    let i = this.pos;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  value(depth: number): Result {
    if (depth > MAX_DEPTH) return INVALID;
    const c = this.s.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.object(depth);
      case 0x5b: // [
        return this.array(depth);
      case 0x22: // "
        return this.string();
      case 0x74: // t
        return this.keyword('true', true);
      case 0x66: // f
        return this.keyword('false', false);
      case 0x6e: // n
        return this.keyword('null', null);
      default:
        return this.number();
    }
  }

  private keyword(word: string, value: boolean | null): Result {
    if (!this.s.startsWith(word, this.pos)) return INVALID;
    this.pos += word.length;
    return value;
  }

  private number(): Result {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (m === null || m[0] === '') return INVALID;
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private object(depth: number): Result {
    this.pos++;
    const out = new Map<string, JsonValue>();
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.s.charCodeAt(this.pos) !== 0x22) return INVALID;
      const key = this.string();
      if (key === INVALID) return INVALID;
      this.skipWs();
      if (this.s.charCodeAt(this.pos) !== 0x3a) return INVALID;
      this.pos++;
      this.skipWs();
      const v = this.value(depth + 1);
      if (v === INVALID) return INVALID;
      out.set(key, v);
      this.skipWs();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
      if (c !== 0x2c) return INVALID;
    }
  }

  private array(depth: number): Result {
    this.pos++;
    const out: JsonValue[] = [];
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      const v = this.value(depth + 1);
      if (v === INVALID) return INVALID;
      out.push(v);
      this.skipWs();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
      if (c !== 0x2c) return INVALID;
    }
  }

  private string(): string | typeof INVALID {
    const s = this.s;
    let i = this.pos + 1;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= s.length) return INVALID;
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return out + s.slice(from, i);
      }
      if (c < 0x20) return INVALID;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s.charAt(i + 1);
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 'u') {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return INVALID;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        return INVALID;
      }
      from = i;
    }
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
