import { PatternCursor, isWhitespace, isWordChar } from './cursor.js';
import { compileAwsRegex } from './regex.js';

/**
 * Terms over unstructured events. Every plain term must occur in the message (a
 * case-sensitive substring), no `-term` may occur, and `?term`s match when any of them
 * occurs — but only when the pattern has no other kind of term: AWS ignores `?` terms next
 * to plain or `-` terms. A term is a run of ASCII letters, digits and `_`, a double-quoted
 * phrase, or a `%regex%`. `-` and `?` also split words, so `ORDER-ITEM` reads as `ORDER`
 * and `-ITEM`, as AWS reads it. A blank phrase (`" "`) is in every message.
 */
export type MessageTest = (message: string) => boolean;

type Mode = 'require' | 'exclude' | 'optional';

/** `required`, when given, receives the literal text of every plain term and phrase. */
export function compileTerms(pattern: string, required?: string[]): MessageTest {
  const c = new PatternCursor(pattern);
  const needed: MessageTest[] = [];
  const excluded: MessageTest[] = [];
  const optional: MessageTest[] = [];
  for (;;) {
    c.skipWhitespace();
    if (c.atEnd()) break;
    let mode: Mode = 'require';
    if (c.eat('-')) mode = 'exclude';
    else if (c.eat('?')) mode = 'optional';
    if (mode !== 'require') c.skipWhitespace();
    const term = readTerm(c, mode === 'require' ? required : undefined);
    (mode === 'require' ? needed : mode === 'exclude' ? excluded : optional).push(term);
  }
  if (needed.length > 0 || excluded.length > 0) {
    const need = allOf(needed);
    if (excluded.length === 0) return need;
    const unwanted = anyOf(excluded);
    return (m) => need(m) && !unwanted(m);
  }
  if (optional.length > 0) return anyOf(optional);
  return () => true;
}

function readTerm(c: PatternCursor, literals: string[] | undefined): MessageTest {
  const ch = c.peek();
  if (ch === '"') {
    const phrase = c.readQuoted();
    if (phrase.trim() !== '') literals?.push(phrase);
    return contains(phrase.trim() === '' ? '' : phrase);
  }
  if (ch === '%') {
    const re = compileAwsRegex(c.readRegexBody());
    return (m) => re.test(m);
  }
  const word = c.readWhile(isWordChar);
  if (word === '') {
    throw c.fault(ch === '' ? 'expected a term' : `${JSON.stringify(ch)} must be quoted`);
  }
  const next = c.text.charCodeAt(c.pos);
  if (!c.atEnd() && !isWhitespace(next) && !'-?"%'.includes(c.peek())) {
    throw c.fault(`${JSON.stringify(c.peek())} must be quoted`);
  }
  literals?.push(word);
  return contains(word);
}

function contains(text: string): MessageTest {
  if (text === '') return () => true;
  return (m) => m.includes(text);
}

function allOf(tests: MessageTest[]): MessageTest {
  switch (tests.length) {
    case 0:
      return () => true;
    case 1:
      return tests[0]!;
    case 2: {
      const [a, b] = tests as [MessageTest, MessageTest];
      return (m) => a(m) && b(m);
    }
    default:
      return (m) => {
        for (const t of tests) if (!t(m)) return false;
        return true;
      };
  }
}

function anyOf(tests: MessageTest[]): MessageTest {
  if (tests.length === 1) return tests[0]!;
  return (m) => {
    for (const t of tests) if (t(m)) return true;
    return false;
  };
}
