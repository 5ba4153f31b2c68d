import { parseExpression } from './boolean-expr.js';
import { PatternCursor } from './cursor.js';
import { textNumber } from './numbers.js';
import { splitFields } from './space-fields.js';
import { type ValueTest, readComparison, readOperator } from './values.js';

/**
 * `[ip, user, ..., status_code = 4*, bytes > 1000]` over space-delimited events: one entry
 * per field, in order. An entry is a name, a name with conditions on that same field
 * (`status_code = 4* && status_code != 403`, `w1 = ERROR || w1 = WARN`), empty (an unnamed
 * field), or `...` for any number of fields. Without `...` the event must have exactly as
 * many fields as the pattern has entries.
 */
type Entry = { ellipsis: true } | { ellipsis: false; name?: string; test?: ValueTest };

export interface SpaceDelimitedPattern {
  matches(message: string): boolean;
  extract(message: string): Record<string, string> | undefined;
  valueOf(message: string, reference: string): string | undefined;
}

/** How each field of an event was bound: the entry's index, or -1 inside a `...`. */
interface Binding {
  fields: string[];
  entryOf: Int32Array;
}

export function compileSpaceDelimited(pattern: string): SpaceDelimitedPattern {
  const entries = parseEntries(pattern);
  const bind = binder(entries);
  const named = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!e.ellipsis && e.name !== undefined) named.set(e.name, i);
  });
  return {
    matches: (message) => bind(message) !== undefined,
    extract(message) {
      const b = bind(message);
      if (b === undefined) return undefined;
      const out: Record<string, string> = {};
      b.fields.forEach((value, j) => {
        const entry = entries[b.entryOf[j]!];
        const name = entry !== undefined && !entry.ellipsis ? entry.name : undefined;
        out[name !== undefined ? `$${name}` : `$${j + 1}`] = value;
      });
      return out;
    },
    valueOf(message, reference) {
      const b = bind(message);
      if (b === undefined || !reference.startsWith('$')) return undefined;
      const key = reference.slice(1);
      if (/^[1-9]\d*$/.test(key)) return b.fields[Number(key) - 1];
      const entry = named.get(key);
      if (entry === undefined) return undefined;
      const j = b.entryOf.indexOf(entry);
      return j < 0 ? undefined : b.fields[j];
    },
  };
}

function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}

function parseEntries(pattern: string): Entry[] {
  const c = new PatternCursor(pattern);
  c.expect('[', "'['");
  c.skipWhitespace();
  if (c.eat(']')) throw c.fault('a space-delimited pattern needs at least one field');
  const entries: Entry[] = [];
  const names = new Set<string>();
  for (;;) {
    c.skipWhitespace();
    if (c.eat('...')) {
      if (entries.at(-1)?.ellipsis !== true) entries.push({ ellipsis: true });
    } else if (c.peek() === ',' || c.peek() === ']') {
      entries.push({ ellipsis: false });
    } else {
      const entry = readField(c);
      if (names.has(entry.name)) throw c.fault(`field ${entry.name} is named twice`);
      names.add(entry.name);
      entries.push(entry);
    }
    c.skipWhitespace();
    if (c.eat(']')) break;
    c.expect(',', "',' or ']'");
  }
  if (!c.atEnd()) throw c.fault('text after the closing bracket');
  return entries;
}

/** A named field, with the conditions that follow its name, all about that one field. */
function readField(c: PatternCursor): { ellipsis: false; name: string; test?: ValueTest } {
  const start = c.pos;
  if (c.peek() !== '(') {
    const name = readName(c);
    c.skipWhitespace();
    if (c.peek() === ',' || c.peek() === ']') return { ellipsis: false, name };
    c.pos = start;
  }
  let subject: string | undefined;
  const test = parseExpression<[string, number]>(c, (cc) => {
    cc.skipWhitespace();
    const atomName = readName(cc);
    subject ??= atomName;
    if (atomName !== subject) {
      throw cc.fault(`a condition on ${atomName} stands in the entry of ${subject}`);
    }
    cc.skipWhitespace();
    const op = readOperator(cc);
    if (op === undefined) throw cc.fault(`expected an operator after ${atomName}`);
    const compare = readComparison(cc, op);
    return ([text, num]) => compare(text, num);
  });
  return { ellipsis: false, name: subject!, test: (text, num) => test([text, num]) };
}

function readName(c: PatternCursor): string {
  if (!isNameStart(c.text.charCodeAt(c.pos))) throw c.fault('expected a field name');
  return c.readWhile(isNameChar);
}

function binder(entries: readonly Entry[]): (message: string) => Binding | undefined {
  const ellipses = entries.filter((e) => e.ellipsis).length;
  const fixed = entries.length - ellipses;
  // How many fields the entries from i on need at least: a `...` may stand for none.
  const needFrom = new Int32Array(entries.length + 1);
  for (let i = entries.length - 1; i >= 0; i--) {
    needFrom[i] = needFrom[i + 1]! + (entries[i]!.ellipsis ? 0 : 1);
  }

  return (message) => {
    const fields = splitFields(message);
    const n = fields.length;
    if (ellipses === 0 ? n !== fixed : n < fixed) return undefined;
    const entryOf = new Int32Array(n).fill(-1);
    // Several `...` could try the same (entry, field) pair many times; remember failures.
    const failed = ellipses > 1 ? new Uint8Array((entries.length + 1) * (n + 1)) : undefined;

    const match = (i: number, j: number): boolean => {
      if (i === entries.length) return j === n;
      if (failed?.[i * (n + 1) + j] === 1) return false;
      const entry = entries[i]!;
      let ok = false;
      if (entry.ellipsis) {
        for (let k = j; k <= n - needFrom[i + 1]! && !ok; k++) ok = match(i + 1, k);
      } else if (j < n) {
        const text = fields[j]!;
        if (entry.test === undefined || entry.test(text, textNumber(text))) {
          ok = match(i + 1, j + 1);
          if (ok) entryOf[j] = i;
        }
      }
      if (!ok && failed !== undefined) failed[i * (n + 1) + j] = 1;
      return ok;
    };

    return match(0, 0) ? { fields, entryOf } : undefined;
  };
}
