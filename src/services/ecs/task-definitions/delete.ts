/**
 * DeleteTaskDefinitions: INACTIVE revisions move to DELETE_IN_PROGRESS and are gone once
 * no task uses them; anything else is reported in `failures` with ECS's reasons, and
 * the rest of the batch still goes ahead.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  DeleteTaskDefinitionsRequest,
  DeleteTaskDefinitionsResponse,
  Failure,
  TaskDefinition,
} from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';
import { taskDefinitionsInUse } from './lifecycle.js';
import { toTaskDefinition } from './output.js';
import { parseTaskDefinitionReference } from './reference.js';
import { resolveParsedReference, taskDefinitionCollection } from './resolve.js';
import { scopeOf } from '../../context.js';

const MAX_BATCH = 10;

const REASONS = {
  invalid:
    'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
  missing:
    'The specified task definition does not exist. Specify a valid account, family, revision and try again.',
  active:
    'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
} as const;

export async function deleteTaskDefinitions(
  store: Store,
  clock: Clock,
  input: DeleteTaskDefinitionsRequest,
  ctx: RequestContext,
): Promise<DeleteTaskDefinitionsResponse> {
  if (input.taskDefinitions.length === 0) {
    throw new InvalidParameterException(
      'size of TaskDefinition references list must be greater than 0',
    );
  }
  if (input.taskDefinitions.length > MAX_BATCH) {
    throw new InvalidParameterException(
      `Size of TaskDefinition references list cannot exceed ${MAX_BATCH}`,
    );
  }
  const scope = scopeOf(ctx);
  return store.transaction(async (tx) => {
    const inUse = await taskDefinitionsInUse(tx, scope);
    const taskDefinitions: TaskDefinition[] = [];
    const failures: Failure[] = [];
    for (const arn of input.taskDefinitions) {
      const reference = parseTaskDefinitionReference(arn, scope);
      if (reference.kind === 'family' || reference.kind === 'bad-revision') {
        failures.push({ arn, reason: REASONS.invalid });
        continue;
      }
      const found = await resolveParsedReference(tx, scope, reference);
      if (!found) {
        failures.push({ arn, reason: REASONS.missing });
        continue;
      }
      if (found.record.definition.status === 'ACTIVE') {
        failures.push({ arn, reason: REASONS.active });
        continue;
      }
      const deleting: TaskDefinitionRecord = {
        ...found.record,
        definition: { ...found.record.definition, status: 'DELETE_IN_PROGRESS' },
        deleteRequestedAt: found.record.deleteRequestedAt ?? clock.nowMs(),
      };
      // Unused, the deletion is over at once; in use, it waits for the tasks to stop.
      if (inUse.has(deleting.definition.taskDefinitionArn ?? ''))
        await taskDefinitionCollection(tx).put(scope, found.id, deleting);
      else await taskDefinitionCollection(tx).delete(scope, found.id);
      taskDefinitions.push(toTaskDefinition(deleting));
    }
    return { taskDefinitions, failures };
  });
}
