/**
 * The typed plan a query string parses to. Spans are offsets into the query string, kept
 * so later checks can point at the offending text.
 */
export interface Span {
  start: number;
  end: number;
}

export type BinaryOp =
  '+' | '-' | '*' | '/' | '^' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | ({ type: 'literal'; value: string | number | boolean | null } & Span)
  | ({ type: 'field'; name: string; segments: string[] } & Span)
  | ({ type: 'period'; amount: number; unit: string; text: string } & Span)
  | ({ type: 'regex'; body: string } & Span)
  | ({ type: 'unary'; op: 'not' | '-'; arg: Expr } & Span)
  | ({ type: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ type: 'match'; negated: boolean; arg: Expr; pattern: Expr } & Span)
  | ({ type: 'in'; negated: boolean; arg: Expr; list: Expr[] } & Span)
  | ({ type: 'call'; name: string; args: Expr[]; star: boolean } & Span)
  | ({ type: 'member'; object: Expr; key: string } & Span)
  | ({ type: 'index'; object: Expr; index: Expr } & Span);

/** One item of `fields`, `display` or `stats`: an expression and the name it shows under. */
export interface Projection {
  expr: Expr;
  /** The alias after `as`, or the expression as written ("count(*)", "bin(5m)"). */
  name: string;
  aliased: boolean;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
}

export type ParseMode =
  | { kind: 'glob'; pattern: string }
  | { kind: 'regex'; body: string }
  | { kind: 'logfmt' }
  | { kind: 'csv' };

export type Command =
  | ({ kind: 'fields'; items: Projection[] } & Span)
  | ({ kind: 'display'; items: Projection[] } & Span)
  | ({ kind: 'filter'; expr: Expr } & Span)
  | ({
      kind: 'parse';
      source: Expr;
      mode: ParseMode;
      /** The fields made: the `as` names, or a regex's group names when it has no `as`. */
      aliases: string[];
      /** Whether `aliases` are the regex's named groups (else they name groups 1, 2, …). */
      namedGroups: boolean;
      multi: boolean;
    } & Span)
  | ({ kind: 'stats'; items: Projection[]; by: Projection[] } & Span)
  | ({ kind: 'sort'; keys: SortKey[] } & Span)
  | ({ kind: 'limit'; count: number; any: boolean } & Span)
  | ({ kind: 'dedup'; fields: Expr[] } & Span);

export interface QueryAst {
  text: string;
  commands: Command[];
}
