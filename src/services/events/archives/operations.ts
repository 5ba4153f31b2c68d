/** The archive operations of the EventBridge table. */
import type { OperationTable } from '../../operation.js';
import type { EventsDeps } from '../deps.js';
import type { EventsOperations } from '../generated/types.js';
import { describeArchive, listArchives } from './read.js';
import { createArchive, deleteArchive, updateArchive } from './write.js';

export function archiveOperations(deps: EventsDeps): OperationTable<EventsOperations> {
  return {
    CreateArchive: (input, ctx) => createArchive(deps, input, ctx),
    DescribeArchive: (input, ctx) => describeArchive(deps, input, ctx),
    ListArchives: (input, ctx) => listArchives(deps, input, ctx),
    UpdateArchive: (input, ctx) => updateArchive(deps, input, ctx),
    DeleteArchive: (input, ctx) => deleteArchive(deps, input, ctx),
  };
}
