/**
 * GetLogRecord: every field of the event a row's `@ptr` points at, as field name/value
 * pairs: the system fields (times in epoch milliseconds, as AWS answers them) and the
 * fields Insights discovers in a JSON message, whatever the query that made the pointer
 * asked for. Only the caller's own account and region can be read.
 */
import { discoverJsonFields } from '../../../engine/logs-insights/index.js';
import type { RequestContext } from '../../context.js';
import type { LogsDeps } from '../deps.js';
import { InvalidParameterException, ResourceNotFoundException } from '../generated/errors.js';
import type { GetLogRecordRequest, GetLogRecordResponse } from '../generated/types.js';
import { decodePointer } from './pointers.js';
import { scopeOf } from '../../context.js';

export async function getLogRecord(
  deps: LogsDeps,
  input: GetLogRecordRequest,
  ctx: RequestContext,
): Promise<GetLogRecordResponse> {
  const scope = scopeOf(ctx);
  const pointer = decodePointer(input.logRecordPointer);
  if (!pointer) {
    throw new InvalidParameterException('The specified log record pointer is not valid.');
  }
  if (pointer.scope.accountId !== scope.accountId || pointer.scope.region !== scope.region) {
    throw new ResourceNotFoundException('The specified log record does not exist.');
  }
  const [event] = await deps.store.logEvents.readStream(
    scope,
    pointer.logGroupName,
    pointer.logStreamName,
    {
      ascending: true,
      from: { timestamp: pointer.timestamp, seq: pointer.seq - 1 },
      endTime: pointer.timestamp + 1,
      limit: 1,
    },
  );
  if (!event || event.seq !== pointer.seq) {
    throw new ResourceNotFoundException('The specified log record does not exist.');
  }
  const logRecord: Record<string, string> = {};
  for (const [name, value] of discoverJsonFields(event.message) ?? []) {
    // Discovery keeps only strings and numbers; anything else would be a change there.
    if (typeof value === 'string' || typeof value === 'number') logRecord[name] = String(value);
  }
  Object.assign(logRecord, {
    '@ingestionTime': String(event.ingestionTime),
    '@log': `${scope.accountId}:${pointer.logGroupName}`,
    '@logStream': pointer.logStreamName,
    '@message': event.message,
    '@timestamp': String(event.timestamp),
  });
  return { logRecord };
}
