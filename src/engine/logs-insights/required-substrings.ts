/**
 * Substrings every event a query can match must hold in its message, read off the query's
 * leading `filter` commands (`@message like "ERROR"`, `@message like /ERROR/`, joined by
 * `and`), so the service can ask the store's search index for those events only. The
 * engine still runs every filter on every event it gets; this only says which events it
 * would certainly drop.
 *
 * Only filters before anything that could change what reaches them count: a `stats`,
 * `sort`, `limit` or `dedup` (a filter after `limit 10` sees ten events whatever they
 * hold), or a `fields`, `display` or `parse` that makes a field named `@message`.
 */
import type { Command, Expr } from './ast.js';

/** Regex syntax: a body without any of these is a plain substring (as regex.ts treats it). */
const REGEX_SYNTAX = /[\\^$.|?*+()[\]{}]/;

export function requiredMessageSubstrings(commands: readonly Command[]): string[] {
  const out = new Set<string>();
  for (const command of commands) {
    switch (command.kind) {
      case 'filter':
        for (const s of required(command.expr)) out.add(s);
        continue;
      case 'fields':
      case 'display':
        if (command.items.some((item) => item.name === '@message' && !isMessage(item.expr))) {
          return [...out];
        }
        continue;
      case 'parse':
        if (command.aliases.includes('@message')) return [...out];
        continue;
      default:
        return [...out];
    }
  }
  return [...out];
}

function isMessage(expr: Expr): boolean {
  return expr.type === 'field' && expr.name === '@message';
}

/** What `expr` being true implies @message contains. */
function required(expr: Expr): string[] {
  if (expr.type === 'binary' && expr.op === 'and') {
    return [...required(expr.left), ...required(expr.right)];
  }
  if (expr.type === 'binary' && expr.op === 'or') {
    const left = new Set(required(expr.left));
    return required(expr.right).filter((s) => left.has(s));
  }
  if (expr.type !== 'match' || expr.negated) return [];
  if (!isMessage(expr.arg)) return [];
  const p = expr.pattern;
  if (p.type === 'literal' && typeof p.value === 'string' && p.value !== '') return [p.value];
  if (p.type === 'regex' && p.body !== '' && !REGEX_SYNTAX.test(p.body)) return [p.body];
  return [];
}
