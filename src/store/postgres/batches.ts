/**
 * Batch reads and writes of records on PostgreSQL: each is one statement over the
 * records, however many it names, so a batch is atomic and costs one round trip.
 * Parameters: $1 the collection, $2 the records as one JSON array of rows (`jsonRows`):
 * [account_id, region, id], and value for writes. Writes answer the keys they changed
 * (RETURNING).
 */
import { jsonRowsFrom } from './json-param.js';

export interface RecordBatchStatements {
  /** → n (1-based position in the arrays), value; absent records have no row. */
  getMany: string;
  insertMany: string;
  replaceMany: string;
}

const KEY = 'collection, account_id, region, id';
const KEY_FIELDS = 'j.e->>0 AS account_id, j.e->>1 AS region, j.e->>2 AS id, j.n';
const KEY_ROWS = `(SELECT ${KEY_FIELDS} FROM ${jsonRowsFrom('$2', 'j')})`;
const WRITE_ROWS = `(SELECT ${KEY_FIELDS}, j.e->>3 AS value FROM ${jsonRowsFrom('$2', 'j')})`;
/**
 * The batch's ids as one array, for the index: `alias.id = ANY (...)` (implied by the join
 * on the whole key, so it changes no answer) lets the scan of the records probe the index
 * for the batch's ids alone. Without it the planner, trusting statistics taken when a
 * collection was small (a fresh schema, or before autovacuum's next ANALYZE), hashes the
 * batch and scans every record of the collection: a cost that grows with the collection
 * (every firing adds an invocation), paid by every batch.
 */
const idsOf = (alias: string) =>
  `${alias}.id = ANY (ARRAY(SELECT i.e->>2 FROM jsonb_array_elements($2::jsonb) AS i(e)))`;

/**
 * `lock`: the FROM item that takes the store's transaction lock shared (a write outside a
 * transaction), joined so it is held before any row is written; none inside a transaction.
 */
export function recordBatchStatements(lock: string | undefined): RecordBatchStatements {
  const withLock = lock === undefined ? '' : `${lock}, `;
  return {
    getMany:
      `SELECT k.n, r.value FROM ${KEY_ROWS} AS k ` +
      'JOIN records r ON r.collection = $1 AND r.account_id = k.account_id ' +
      `AND r.region = k.region AND r.id = k.id AND ${idsOf('r')}`,
    insertMany:
      `INSERT INTO records (${KEY}, value) ` +
      'SELECT $1, w.account_id, w.region, w.id, w.value ' +
      `FROM ${withLock}${WRITE_ROWS} AS w ` +
      `ORDER BY w.n ON CONFLICT (${KEY}) DO NOTHING RETURNING account_id, region, id`,
    replaceMany:
      'UPDATE records SET value = w.value ' +
      `FROM ${withLock}${WRITE_ROWS} AS w ` +
      'WHERE records.collection = $1 AND records.account_id = w.account_id ' +
      `AND records.region = w.region AND records.id = w.id AND ${idsOf('records')} ` +
      'RETURNING records.account_id, records.region, records.id',
  };
}
