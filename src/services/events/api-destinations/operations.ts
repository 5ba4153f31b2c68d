/** The API destination operations of the EventBridge table. */
import type { OperationTable } from '../../operation.js';
import type { EventsDeps } from '../deps.js';
import type { EventsOperations } from '../generated/types.js';
import { describeApiDestination, listApiDestinations } from './read.js';
import { createApiDestination, deleteApiDestination, updateApiDestination } from './write.js';

export function apiDestinationOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    CreateApiDestination: (input, ctx) => createApiDestination(deps, input, ctx),
    DescribeApiDestination: (input, ctx) => describeApiDestination(deps, input, ctx),
    ListApiDestinations: (input, ctx) => listApiDestinations(deps, input, ctx),
    UpdateApiDestination: (input, ctx) => updateApiDestination(deps, input, ctx),
    DeleteApiDestination: (input, ctx) => deleteApiDestination(deps, input, ctx),
  };
}
