/** What the lexer hands the parser. Offsets index the query string (0-based, end exclusive). */
export type Token =
  | { kind: 'ident'; name: string; segments: string[]; quoted: boolean; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; text: string; start: number; end: number }
  | { kind: 'duration'; amount: number; unit: string; text: string; start: number; end: number }
  | { kind: 'regex'; body: string; start: number; end: number }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

export type TokenKind = Token['kind'];

/** How a token reads in an error message ("unexpected symbol found …"). */
export function tokenText(text: string, token: Token): string {
  if (token.kind === 'eof') return '<EOF>';
  return text.slice(token.start, token.end);
}
