/** A stored task definition as the API returns it: timestamps become Dates. */
import type { TaskDefinition } from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';

export function toTaskDefinition(record: TaskDefinitionRecord): TaskDefinition {
  return {
    ...record.definition,
    registeredAt: new Date(record.registeredAt),
    ...(record.deregisteredAt !== undefined
      ? { deregisteredAt: new Date(record.deregisteredAt) }
      : {}),
    ...(record.deleteRequestedAt !== undefined
      ? { deleteRequestedAt: new Date(record.deleteRequestedAt) }
      : {}),
  };
}
