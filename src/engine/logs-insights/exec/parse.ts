/**
 * The `parse` command. Glob patterns (`*` wildcards) are matched with indexOf: each `*`
 * takes the shortest text up to the next literal, a final `*` the rest of the value, and
 * the pattern may start anywhere in it. Regexes take named groups (or `as` names for their
 * groups in order); `multi` makes one row per match.
 */
import type { Command } from '../ast.js';
import type { Row } from '../row.js';
import { toText } from '../values.js';
import type { CompileContext, Evaluator } from './context.js';
import { compileExpression } from './expressions.js';

type ParseCommand = Extract<Command, { kind: 'parse' }>;

export type RowStage = (row: Row, emit: (row: Row) => void) => void;

export interface ParsePlan {
  /** The fields this parse makes, in order. */
  names: string[];
  stage(nextSeq: () => number): RowStage;
}

export function compileParse(cmd: ParseCommand, ctx: CompileContext): ParsePlan {
  const source = compileExpression(cmd.source, ctx);
  const mode = cmd.mode;
  if (mode.kind === 'glob') {
    const parts = mode.pattern.split('*');
    const names = cmd.aliases;
    const extract = (s: string) => globMatch(parts, s);
    return { names, stage: () => single(source, names, extract) };
  }
  if (mode.kind === 'regex') {
    const node = { ...cmd.source, start: cmd.start, end: cmd.end };
    const re = ctx.regex(mode.body, node, { dotAll: false });
    const names = cmd.aliases;
    let groups: readonly number[];
    if (cmd.namedGroups) {
      groups = names.map((n) => re.groupNumbers[re.groupNames.indexOf(n)]!);
    } else {
      if (names.length > re.groupCount) {
        throw ctx.error(
          `parse names ${names.length} fields but the regular expression has ${re.groupCount} groups`,
          node,
        );
      }
      groups = names.map((_, i) => i + 1);
    }
    const pick = (m: (string | undefined)[]) => groups.map((g) => m[g]);
    if (cmd.multi) {
      return {
        names,
        stage: (nextSeq) => (row, emit) => {
          const s = toText(source(row));
          const matches = s === null ? [] : re.execAll(s);
          if (matches.length === 0) return emit(row);
          for (const m of matches) {
            const copy = row.clone(nextSeq());
            assign(copy, names, pick(m));
            emit(copy);
          }
        },
      };
    }
    return {
      names,
      stage: () =>
        single(source, names, (s) => {
          const m = re.exec(s);
          return m ? pick(m) : null;
        }),
    };
  }
  if (mode.kind === 'logfmt') {
    const name = cmd.aliases[0]!;
    return {
      names: [name],
      stage: () => (row, emit) => {
        const s = toText(source(row));
        if (s !== null) row.set(name, parseLogfmt(s));
        emit(row);
      },
    };
  }
  const names = cmd.aliases;
  return { names, stage: () => single(source, names, parseCsvLine) };
}

function single(
  source: Evaluator,
  names: string[],
  extract: (s: string) => (string | undefined)[] | null,
): RowStage {
  return (row, emit) => {
    const s = toText(source(row));
    const values = s === null ? null : extract(s);
    if (values) assign(row, names, values);
    emit(row);
  };
}

function assign(row: Row, names: string[], values: (string | undefined)[]): void {
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (v !== undefined) row.set(names[i]!, v);
  }
}

export function globMatch(parts: readonly string[], s: string): string[] | null {
  const first = parts[0]!;
  let pos = 0;
  if (first !== '') {
    const at = s.indexOf(first);
    if (at < 0) return null;
    pos = at + first.length;
  }
  const out: string[] = [];
  const last = parts.length - 1;
  for (let i = 1; i <= last; i++) {
    const literal = parts[i]!;
    if (i === last && literal === '') {
      out.push(s.slice(pos));
      return out;
    }
    const at = s.indexOf(literal, pos);
    if (at < 0) return null;
    out.push(s.slice(pos, at));
    pos = at + literal.length;
  }
  return out;
}

/** `key=value` pairs separated by spaces; values may be double-quoted with `\"` escapes. */
export function parseLogfmt(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && s.charCodeAt(i) <= 32) i++;
    const keyStart = i;
    while (i < n && s.charAt(i) !== '=' && s.charCodeAt(i) > 32) i++;
    const key = s.slice(keyStart, i);
    let value = '';
    if (s.charAt(i) === '=') {
      i++;
      if (s.charAt(i) === '"') {
        i++;
        while (i < n && s.charAt(i) !== '"') {
          if (s.charAt(i) === '\\' && i + 1 < n) i++;
          value += s.charAt(i);
          i++;
        }
        i++;
      } else {
        const valueStart = i;
        while (i < n && s.charCodeAt(i) > 32) i++;
        value = s.slice(valueStart, i);
      }
    }
    if (key !== '') out[key] = value;
  }
  return out;
}

/** One CSV record: commas separate, double quotes enclose (a doubled quote is a quote). */
export function parseCsvLine(s: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (quoted) {
      if (c === '"' && s.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
