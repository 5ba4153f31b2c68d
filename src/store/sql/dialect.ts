/**
 * What differs between the SQL engines behind the store. The statements themselves are
 * built once, in `records.ts`, from these facts, so the PostgreSQL store mirrors the
 * SQLite one by supplying its own dialect rather than its own SQL.
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
}
