/** The connection operations of the EventBridge table. */
import type { OperationTable } from '../../operation.js';
import type { EventsDeps } from '../deps.js';
import type { EventsOperations } from '../generated/types.js';
import { createConnection } from './create.js';
import { describeConnection, listConnections } from './read.js';
import { deauthorizeConnection, deleteConnection } from './remove.js';
import { updateConnection } from './update.js';

export function connectionOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    CreateConnection: (input, ctx) => createConnection(deps, input, ctx),
    DescribeConnection: (input, ctx) => describeConnection(deps, input, ctx),
    ListConnections: (input, ctx) => listConnections(deps, input, ctx),
    UpdateConnection: (input, ctx) => updateConnection(deps, input, ctx),
    DeleteConnection: (input, ctx) => deleteConnection(deps, input, ctx),
    DeauthorizeConnection: (input, ctx) => deauthorizeConnection(deps, input, ctx),
  };
}
