/**
 * The SQLite schema, as an ordered list of steps. A database records the last step it
 * has in `PRAGMA user_version`; opening applies the missing steps in one transaction.
 * Never edit a released step: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records',
    sql: `
      CREATE TABLE records (
        collection TEXT NOT NULL,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        id TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (collection, account_id, region, id)
      ) WITHOUT ROWID;
      -- listAllScopes reads one collection across scopes in id order.
      CREATE INDEX records_by_id ON records (collection, id, account_id, region);
    `,
  },
];
