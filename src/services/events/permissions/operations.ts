/** The bus permission operations of the EventBridge table. */
import type { OperationTable } from '../../operation.js';
import type { EventsDeps } from '../deps.js';
import type { EventsOperations } from '../generated/types.js';
import { putPermission, removePermission } from './write.js';

export function permissionOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    PutPermission: (input, ctx) => putPermission(deps, input, ctx),
    RemovePermission: (input, ctx) => removePermission(deps, input, ctx),
  };
}
