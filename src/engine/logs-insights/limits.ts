/**
 * AWS's Logs Insights quotas that the language itself enforces. The service enforces the
 * request-level ones (log groups per query, time range, concurrent queries) with these.
 */

/** StartQuery's `queryString` (the model's QueryString shape: max 10,000 characters). */
export const MAX_QUERY_LENGTH = 10_000;

/** Rows a query returns when neither `limit` nor StartQuery's `limit` says otherwise. */
export const DEFAULT_RESULT_LIMIT = 10_000;

/**
 * The largest `limit` (command or StartQuery parameter). The current `limit` page and the
 * model's EventsLimitStartQuery both say 100,000; older pages said 10,000.
 */
export const MAX_RESULT_LIMIT = 100_000;

/** "A query can have a maximum of two stats commands. This quota can't be changed." */
export const MAX_STATS_COMMANDS = 2;

/** "CloudWatch Logs Insights can extract a maximum of 200 log event fields from a JSON log." */
export const MAX_JSON_FIELDS = 200;

/** `case(…)` "Supports up to 10 branches." */
export const MAX_CASE_BRANCHES = 10;

/**
 * Bytes a scanned event counts for in `bytesScanned`: its message in UTF-8 plus this, the
 * per-event overhead CloudWatch Logs uses for every other event size (PutLogEvents, storedBytes).
 * AWS does not document how Insights counts; this is teiki's reading.
 */
export const EVENT_OVERHEAD_BYTES = 26;
