import type { SqlDialect } from '../sql/dialect.js';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  param: () => '?',
  noLimit: -1,
  // BINARY (memcmp over UTF-8) is SQLite's default and already code-point order.
  binaryCollation: '',
  // IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way with
  // SQLITE_BUSY when it upgrades from reading to writing.
  beginWrite: 'BEGIN IMMEDIATE',
  integerListMember: (column, param) => `${column} IN (SELECT value FROM json_each(${param}))`,
  bindIntegerList: (values) => JSON.stringify(values),
  jsonArrayAgg: (expression) => `json_group_array(${expression})`,
  rowKey: 'rowid',
  rowKeyAmong: (subquery) => `rowid IN (${subquery})`,
  storedText: (text) => text,
  loadedText: (text) => text,
};
