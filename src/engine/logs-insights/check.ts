/**
 * Rules about where commands may stand and which fields exist after a `stats`, checked
 * before anything runs (StartQuery refuses such queries at once).
 */
import type { Command, Expr, QueryAst } from './ast.js';
import {
  MalformedQueryError,
  lineAndPosition,
  unexpectedSymbol,
  unknownAfterStats,
} from './errors.js';
import { MAX_STATS_COMMANDS } from './limits.js';

export function checkQuery(ast: QueryAst): void {
  const { text, commands } = ast;
  let stats = 0;
  let sortedOrLimited: Command | undefined;
  let available: Set<string> | undefined;
  for (let i = 0; i < commands.length; i++) {
    const cmd = commands[i]!;
    const previous = commands[i - 1];
    // "The only query command that you can use in a query after the dedup command is limit."
    if (previous?.kind === 'dedup' && cmd.kind !== 'limit') throw symbolAt(text, cmd);
    if (previous?.kind === 'limit' && commands[i - 2]?.kind === 'dedup') throw symbolAt(text, cmd);
    if (cmd.kind === 'stats') {
      stats++;
      if (stats > MAX_STATS_COMMANDS) {
        const { line, position } = lineAndPosition(text, cmd.start);
        throw new MalformedQueryError(
          `A query can have a maximum of ${MAX_STATS_COMMANDS} stats commands (line ${line}, position ${position})`,
          cmd.start,
          cmd.end,
        );
      }
      // "If you use a sort or limit command, it must appear after the second stats command."
      if (stats === 2 && sortedOrLimited) throw symbolAt(text, cmd);
    }
    if (cmd.kind === 'sort' || cmd.kind === 'limit') sortedOrLimited = cmd;
    if (available) checkAfterStats(cmd, available);
    available = afterCommand(cmd, available);
  }
}

function symbolAt(text: string, cmd: Command) {
  const word = text.slice(cmd.start).match(/^[A-Za-z]+/)?.[0] ?? text.charAt(cmd.start);
  return unexpectedSymbol(text, word, cmd.start, cmd.start + word.length);
}

/** The fields a row has after `cmd`, once a stats has run (before: any field may exist). */
function afterCommand(cmd: Command, available: Set<string> | undefined): Set<string> | undefined {
  if (cmd.kind === 'stats') return new Set([...cmd.by, ...cmd.items].map((p) => p.name));
  if (!available) return undefined;
  const next = new Set(available);
  if (cmd.kind === 'fields' || cmd.kind === 'display') for (const p of cmd.items) next.add(p.name);
  if (cmd.kind === 'parse') for (const a of cmd.aliases) next.add(a);
  return next;
}

function checkAfterStats(cmd: Command, available: Set<string>): void {
  const exprs: Expr[] = [];
  switch (cmd.kind) {
    case 'fields':
    case 'display':
      exprs.push(...cmd.items.map((p) => p.expr));
      break;
    case 'filter':
      exprs.push(cmd.expr);
      break;
    case 'parse':
      exprs.push(cmd.source);
      break;
    case 'sort':
      exprs.push(...cmd.keys.map((k) => k.expr));
      break;
    case 'dedup':
      exprs.push(...cmd.fields);
      break;
    case 'stats': {
      exprs.push(...cmd.by.map((p) => p.expr));
      // Aliases made earlier in the same stats may be used by later items.
      const local = new Set(available);
      for (const p of cmd.by) local.add(p.name);
      for (const item of cmd.items) {
        reportUnknown([item.expr], local);
        local.add(item.name);
      }
      break;
    }
    case 'limit':
      break;
  }
  reportUnknown(exprs, available);
}

function reportUnknown(exprs: Expr[], available: Set<string>): void {
  const unknown: { name: string; start: number; end: number }[] = [];
  for (const e of exprs) collect(e, available, unknown);
  if (unknown.length > 0) {
    throw unknownAfterStats(
      [...new Set(unknown.map((u) => u.name))],
      unknown[0]!.start,
      unknown[0]!.end,
    );
  }
}

function collect(
  e: Expr,
  available: Set<string>,
  out: { name: string; start: number; end: number }[],
): void {
  switch (e.type) {
    case 'field': {
      const known =
        available.has(e.name) ||
        e.segments.some((_, i) => i > 0 && available.has(e.segments.slice(0, i).join('.')));
      if (!known) out.push({ name: e.name, start: e.start, end: e.end });
      return;
    }
    case 'unary':
      return collect(e.arg, available, out);
    case 'binary':
      collect(e.left, available, out);
      return collect(e.right, available, out);
    case 'match':
      collect(e.arg, available, out);
      return collect(e.pattern, available, out);
    case 'in':
      collect(e.arg, available, out);
      return e.list.forEach((x) => collect(x, available, out));
    case 'call':
      // bin() reads @timestamp, which only a stats that keeps it provides.
      if (e.name === 'bin' && !available.has('@timestamp')) {
        out.push({ name: '@timestamp', start: e.start, end: e.end });
      }
      return e.args.forEach((x) => collect(x, available, out));
    case 'member':
      return collect(e.object, available, out);
    case 'index':
      collect(e.object, available, out);
      return collect(e.index, available, out);
    default:
      return;
  }
}
