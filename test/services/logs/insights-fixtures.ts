/** Log groups made without HTTP, for suites that drive the Logs operations directly. */
import type { LogsDeps } from '../../../src/services/logs/deps.js';
import { GROUPS, type LogGroupRecord } from '../../../src/services/logs/records.js';
import type { Scope } from '../../../src/store/types.js';

export async function createGroupRecord(deps: LogsDeps, scope: Scope, name: string): Promise<void> {
  const record: LogGroupRecord = {
    logGroupName: name,
    creationTime: deps.clock.nowMs(),
    logGroupClass: 'STANDARD',
    tags: {},
  };
  await deps.store.collection<LogGroupRecord>(GROUPS).put(scope, name, record);
}
