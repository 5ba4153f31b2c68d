/** The replay operations of the EventBridge table. */
import type { OperationTable } from '../../operation.js';
import type { EventsDeps } from '../deps.js';
import type { EventsOperations } from '../generated/types.js';
import { cancelReplay, describeReplay, listReplays } from './read.js';
import { startReplay } from './start.js';

export function replayOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    StartReplay: (input, ctx) => startReplay(deps, input, ctx),
    DescribeReplay: (input, ctx) => describeReplay(deps, input, ctx),
    ListReplays: (input, ctx) => listReplays(deps, input, ctx),
    CancelReplay: (input, ctx) => cancelReplay(deps, input, ctx),
  };
}
