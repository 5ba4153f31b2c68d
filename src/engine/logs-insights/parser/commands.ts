import type { Command, Expr, ParseMode, Projection, SortKey } from '../ast.js';
import { MalformedQueryError, lineAndPosition } from '../errors.js';
import { MAX_RESULT_LIMIT } from '../limits.js';
import { RegexSyntaxError, compileUserRegex } from '../regex.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './expressions.js';

/** Documented commands teiki does not run; refused by name rather than misread. */
const NOT_IMPLEMENTED = new Set([
  'addtotals',
  'anomaly',
  'pattern',
  'diff',
  'filterindex',
  'source',
  'unmask',
  'unnest',
  'lookup',
  'join',
  'relevantfields',
  'expand',
  'autoregress',
  'logcompare',
  'filldown',
  'fillmissing',
  'cidrlookup',
  'outlier',
  'accum',
  'appendcols',
  'sessionize',
  'countfrequent',
  'head',
  'tail',
  'search',
  'order',
  'json',
]);

export function parseCommand(c: Cursor): Command {
  const t = c.peek();
  const word = c.word();
  if (word === undefined) throw c.unexpected();
  const start = t.start;
  switch (word) {
    case 'fields':
    case 'display': {
      c.advance();
      const items = projections(c);
      return { kind: word, items, start, end: c.lastEnd };
    }
    case 'filter':
    case 'where': {
      c.advance();
      const expr = parseExpression(c);
      return { kind: 'filter', expr, start, end: expr.end };
    }
    case 'parse':
      c.advance();
      return parseParse(c, start);
    case 'stats':
      c.advance();
      return parseStats(c, start);
    case 'sort': {
      c.advance();
      const keys: SortKey[] = [];
      do {
        const expr = parseExpression(c);
        const descending = c.acceptWord('desc');
        if (!descending) c.acceptWord('asc');
        keys.push({ expr, descending });
      } while (c.acceptOp(','));
      return { kind: 'sort', keys, start, end: c.lastEnd };
    }
    case 'limit':
      c.advance();
      return parseLimit(c, start);
    case 'dedup': {
      c.advance();
      const fields: Expr[] = [];
      do {
        const f = parseExpression(c);
        if (f.type !== 'field') throw c.unexpected();
        fields.push(f);
      } while (c.acceptOp(','));
      return { kind: 'dedup', fields, start, end: c.lastEnd };
    }
    default:
      if (NOT_IMPLEMENTED.has(word)) {
        const { line, position } = lineAndPosition(c.text, start);
        throw new MalformedQueryError(
          `teiki does not implement the ${word} command yet (line ${line}, position ${position})`,
          start,
          t.end,
        );
      }
      throw c.unexpected();
  }
}

function projections(c: Cursor): Projection[] {
  const items: Projection[] = [];
  do items.push(projection(c));
  while (c.acceptOp(','));
  return items;
}

/** `expr [as alias]`; without an alias an item shows under its text as written. */
function projection(c: Cursor): Projection {
  const expr = parseExpression(c);
  if (c.acceptWord('as')) {
    const alias = c.peek();
    if (alias.kind !== 'ident') throw c.unexpected();
    c.advance();
    return { expr, name: alias.name, aliased: true };
  }
  const name = expr.type === 'field' ? expr.name : c.slice(expr.start, expr.end).trim();
  return { expr, name, aliased: false };
}

function parseStats(c: Cursor, start: number): Command {
  const items = projections(c);
  let by: Projection[] = [];
  if (c.acceptWord('by')) by = projections(c);
  return { kind: 'stats', items, by, start, end: c.lastEnd };
}

function parseLimit(c: Cursor, start: number): Command {
  const any = c.acceptWord('any');
  const t = c.peek();
  if (t.kind !== 'number' || !Number.isInteger(t.value)) throw c.unexpected();
  c.advance();
  if (t.value < 1 || t.value > MAX_RESULT_LIMIT) {
    const { line, position } = lineAndPosition(c.text, t.start);
    throw new MalformedQueryError(
      `limit must be between 1 and ${MAX_RESULT_LIMIT} (line ${line}, position ${position})`,
      t.start,
      t.end,
    );
  }
  return { kind: 'limit', count: t.value, any, start, end: t.end };
}

/**
 * `parse [field] "glob" as a, b`, `parse [field] /regex/ [as a, b] [multi]`,
 * `parse [field] logfmt as m`, `parse [field] csv as a, b`. The field defaults to @message.
 */
function parseParse(c: Cursor, start: number): Command {
  let source: Expr = { type: 'field', name: '@message', segments: ['@message'], start, end: start };
  if (!startsPattern(c)) source = parseExpressionBeforePattern(c);
  let mode: ParseMode;
  const t = c.peek();
  if (t.kind === 'string') {
    c.advance();
    mode = { kind: 'glob', pattern: t.value };
  } else if (c.isOp('/')) {
    mode = { kind: 'regex', body: c.regex().body };
  } else if (c.acceptWord('logfmt')) {
    mode = { kind: 'logfmt' };
  } else if (c.acceptWord('csv')) {
    mode = { kind: 'csv' };
  } else throw c.unexpected();
  const aliases: string[] = [];
  if (c.acceptWord('as')) {
    do {
      const a = c.peek();
      if (a.kind !== 'ident') throw c.unexpected();
      c.advance();
      aliases.push(a.name);
    } while (c.acceptOp(','));
  }
  const multi = mode.kind === 'regex' && c.acceptWord('multi');
  const end = c.lastEnd;
  checkParse(c, mode, aliases, start, end);
  let namedGroups = false;
  if (mode.kind === 'regex' && aliases.length === 0) {
    aliases.push(...regexGroupNames(c, mode.body, start, end));
    namedGroups = true;
  }
  return { kind: 'parse', source, mode, aliases, namedGroups, multi, start, end };
}

function startsPattern(c: Cursor): boolean {
  const t = c.peek();
  // The logfmt and csv modes always name their field (`parse logfmt @message` is refused).
  return t.kind === 'string' || c.isOp('/');
}

/** The field to parse: a name or any expression up to the pattern. */
function parseExpressionBeforePattern(c: Cursor): Expr {
  const t = c.peek();
  if (t.kind === 'ident') {
    c.advance();
    return { type: 'field', name: t.name, segments: t.segments, start: t.start, end: t.end };
  }
  return parseExpression(c);
}

function regexGroupNames(c: Cursor, body: string, start: number, end: number): readonly string[] {
  const { line, position } = lineAndPosition(c.text, start);
  let names: readonly string[];
  try {
    names = compileUserRegex(body).groupNames;
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    throw new MalformedQueryError(
      `Invalid regular expression /${body}/: ${e.message} (line ${line}, position ${position})`,
      start,
      end,
    );
  }
  if (names.length === 0) {
    throw new MalformedQueryError(
      `parse needs named capturing groups (?<name>…) in the regular expression (line ${line}, position ${position})`,
      start,
      end,
    );
  }
  return names;
}

function checkParse(c: Cursor, mode: ParseMode, aliases: string[], start: number, end: number) {
  const fail = (what: string) => {
    const { line, position } = lineAndPosition(c.text, start);
    return new MalformedQueryError(`${what} (line ${line}, position ${position})`, start, end);
  };
  if (mode.kind === 'glob') {
    const stars = mode.pattern.split('*').length - 1;
    if (stars === 0) throw fail('parse pattern has no * to extract');
    if (stars !== aliases.length) {
      throw fail(`parse pattern has ${stars} * but ${aliases.length} field names follow as`);
    }
  } else if (
    (mode.kind === 'logfmt' && aliases.length !== 1) ||
    (mode.kind === 'csv' && aliases.length === 0)
  ) {
    throw fail(`parse ${mode.kind} needs field names after as`);
  }
}
