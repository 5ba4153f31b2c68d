import type { Command, QueryAst } from '../ast.js';
import { MalformedQueryError } from '../errors.js';
import { MAX_QUERY_LENGTH } from '../limits.js';
import { parseCommand } from './commands.js';
import { Cursor } from './cursor.js';

/** Query text to commands; the grammar only (meaning is checked by the planner). */
export function parseQueryText(text: string): QueryAst {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new MalformedQueryError(
      `Query string exceeds the maximum length of ${MAX_QUERY_LENGTH} characters`,
      MAX_QUERY_LENGTH,
      text.length,
    );
  }
  const c = new Cursor(text);
  const commands: Command[] = [];
  if (c.peek().kind === 'eof') throw c.unexpected();
  for (;;) {
    commands.push(parseCommand(c));
    if (c.peek().kind === 'eof') break;
    if (!c.acceptOp('|')) throw c.unexpected();
  }
  return { text, commands };
}
