/**
 * Batch reads and writes of records on PostgreSQL: each is one statement over arrays
 * (`unnest`), however many records it names, so a batch is atomic and costs one round
 * trip. Parameters: $1 the collection, then one array per column (account_id, region, id,
 * and value for writes). Writes answer the keys they changed (RETURNING).
 */
export interface RecordBatchStatements {
  /** → n (1-based position in the arrays), value; absent records have no row. */
  getMany: string;
  insertMany: string;
  replaceMany: string;
}

const KEY = 'collection, account_id, region, id';
const KEY_ARRAYS = 'unnest($2::text[], $3::text[], $4::text[])';
const WRITE_ARRAYS = 'unnest($2::text[], $3::text[], $4::text[], $5::text[])';

/**
 * `lock`: the FROM item that takes the store's transaction lock shared (a write outside a
 * transaction), joined so it is held before any row is written; none inside a transaction.
 */
export function recordBatchStatements(lock: string | undefined): RecordBatchStatements {
  const withLock = lock === undefined ? '' : `${lock}, `;
  return {
    getMany:
      `SELECT k.n, r.value FROM ${KEY_ARRAYS} WITH ORDINALITY AS k(account_id, region, id, n) ` +
      'JOIN records r ON r.collection = $1 AND r.account_id = k.account_id ' +
      'AND r.region = k.region AND r.id = k.id',
    insertMany:
      `INSERT INTO records (${KEY}, value) ` +
      'SELECT $1, w.account_id, w.region, w.id, w.value ' +
      `FROM ${withLock}${WRITE_ARRAYS} WITH ORDINALITY AS w(account_id, region, id, value, n) ` +
      `ORDER BY w.n ON CONFLICT (${KEY}) DO NOTHING RETURNING account_id, region, id`,
    replaceMany:
      'UPDATE records SET value = w.value ' +
      `FROM ${withLock}${WRITE_ARRAYS} AS w(account_id, region, id, value) ` +
      'WHERE records.collection = $1 AND records.account_id = w.account_id ' +
      'AND records.region = w.region AND records.id = w.id ' +
      'RETURNING records.account_id, records.region, records.id',
  };
}
