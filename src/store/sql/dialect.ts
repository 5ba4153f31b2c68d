/**
 * What differs between the SQL engines behind the store. The statements themselves are
 * built once, in `records.ts` and `log-events.ts`, from these facts, so the PostgreSQL
 * store mirrors the SQLite one by supplying its own dialect rather than its own SQL.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The placeholder for the n-th (1-based) parameter: `?` in SQLite, `$n` in PostgreSQL. */
  param(n: number): string;
  /** The value bound to `LIMIT` for "no limit" (`-1` in SQLite, `NULL` in PostgreSQL). */
  readonly noLimit: number | null;
  /**
   * Appended to text columns compared as ids so they order by code point: SQLite's default
   * BINARY collation already does; PostgreSQL needs `COLLATE "C"`.
   */
  readonly binaryCollation: string;
  /** Opens a transaction that holds the write lock from its first statement. */
  readonly beginWrite: string;
  /**
   * The test "`column` is one of a list of integers bound as the single parameter
   * `param`", so one prepared statement serves lists of any length; `bindIntegerList`
   * gives the value to bind. SQLite: `IN (SELECT value FROM json_each(?))` with a JSON
   * array; PostgreSQL: `= ANY($n)` with an array.
   */
  integerListMember(column: string, param: string): string;
  bindIntegerList(values: readonly number[]): string | readonly number[];
  /**
   * The aggregate collecting `expression` over a query's rows into one JSON array, in the
   * order the rows come: `json_group_array` in SQLite, `json_agg` in PostgreSQL.
   */
  jsonArrayAgg(expression: string): string;
  /**
   * The engine's hidden row address, for deleting a bounded chunk of rows: `rowid` in
   * SQLite, `ctid` in PostgreSQL.
   */
  readonly rowKey: string;
  /**
   * "The row's address is one of those `subquery` selects": `rowid IN (...)` in SQLite;
   * `ctid = ANY(ARRAY(...))` in PostgreSQL, which fetches the rows by address (a TID scan)
   * where `ctid IN (...)` would scan the whole table.
   */
  rowKeyAmong(subquery: string): string;
  /**
   * A FROM item that makes a statement outside a transaction wait for the transactions of
   * every process sharing the database, and keeps them waiting until it ends. PostgreSQL:
   * a shared advisory lock that transactions take exclusively. Absent in SQLite, whose
   * single writer connection and file lock already serialize writes.
   */
  readonly outsideWriteLock?: string;
  /**
   * Text as stored and as read back. PostgreSQL's text cannot hold U+0000, so it gets an
   * escape that keeps code-point order and prefixes (see `postgres/text.ts`); identity in
   * SQLite.
   */
  storedText(text: string): string;
  loadedText(text: string): string;
}
