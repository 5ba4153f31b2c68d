/**
 * RegisterTaskDefinition: validate everything first (bad input changes nothing and uses
 * no revision), then take the family's next revision and store the definition in one
 * transaction, so concurrent registrations of a family get distinct revisions.
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { EcsDeps } from '../deps.js';
import type {
  RegisterTaskDefinitionRequest,
  RegisterTaskDefinitionResponse,
} from '../generated/types.js';
import {
  TASK_DEFINITIONS,
  TASK_DEFINITION_FAMILIES,
  ecsArn,
  taskDefinitionId,
  type TaskDefinitionFamilyRecord,
  type TaskDefinitionRecord,
} from '../records.js';
import { compatibilities, requiresAttributes } from './attributes.js';
import { taskDefinitionRecord } from './defaults.js';
import { toTaskDefinition } from './output.js';
import { validateContainers } from './validate-containers.js';
import { validateContainerList, validateFamily, validateTaskSize } from './validate-task.js';
import { scopeOf } from '../../context.js';

export async function registerTaskDefinition(
  deps: EcsDeps,
  input: RegisterTaskDefinitionRequest,
  ctx: RequestContext,
): Promise<RegisterTaskDefinitionResponse> {
  validateFamily(input.family);
  validateContainerList(input.containerDefinitions);
  const size = validateTaskSize(input);
  validateContainers(input, size);

  const scope = scopeOf(ctx);
  const record = await storeNextRevision(deps.store, scope, input.family, (revision) =>
    taskDefinitionRecord(input, {
      taskDefinitionArn: ecsArn(scope, `task-definition/${input.family}:${revision}`),
      revision,
      registeredAt: deps.clock.nowMs(),
      registeredBy: ctx.caller.arn,
      cpu: size.cpu === undefined ? undefined : String(size.cpu),
      memory: size.memory === undefined ? undefined : String(size.memory),
      requiresAttributes: requiresAttributes(input),
      compatibilities: compatibilities(input, size),
    }),
  );
  return {
    taskDefinition: toTaskDefinition(record),
    ...(record.tags.length > 0 ? { tags: record.tags } : {}),
  };
}

async function storeNextRevision(
  store: Store,
  scope: { accountId: string; region: string },
  family: string,
  build: (revision: number) => TaskDefinitionRecord,
): Promise<TaskDefinitionRecord> {
  return store.transaction(async (tx) => {
    const families = tx.collection<TaskDefinitionFamilyRecord>(TASK_DEFINITION_FAMILIES);
    // Revisions are never reused, even after the definitions are deleted.
    const revision = ((await families.get(scope, family))?.lastRevision ?? 0) + 1;
    const record = build(revision);
    await families.put(scope, family, { family, lastRevision: revision });
    await tx
      .collection<TaskDefinitionRecord>(TASK_DEFINITIONS)
      .insert(scope, taskDefinitionId(family, revision), record);
    return record;
  });
}
