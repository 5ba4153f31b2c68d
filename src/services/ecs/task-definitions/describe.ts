/** DescribeTaskDefinition and DeregisterTaskDefinition: one revision by reference. */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { Clock } from '../../../engine/clock/types.js';
import { ClientException, InvalidParameterException } from '../generated/errors.js';
import type {
  DeregisterTaskDefinitionRequest,
  DeregisterTaskDefinitionResponse,
  DescribeTaskDefinitionRequest,
  DescribeTaskDefinitionResponse,
} from '../generated/types.js';
import { toTaskDefinition } from './output.js';
import { parseTaskDefinitionReference } from './reference.js';
import { putTaskDefinitionRecord, resolveParsedReference } from './resolve.js';
import { scopeOf } from '../../context.js';

const NOT_FOUND = 'Unable to describe task definition.';

export async function describeTaskDefinition(
  store: Store,
  input: DescribeTaskDefinitionRequest,
  ctx: RequestContext,
): Promise<DescribeTaskDefinitionResponse> {
  const scope = scopeOf(ctx);
  const reference = parseTaskDefinitionReference(input.taskDefinition, scope);
  const found = await resolveParsedReference(store, scope, reference);
  if (!found) throw new ClientException(NOT_FOUND);
  return {
    taskDefinition: toTaskDefinition(found.record),
    ...(input.include?.includes('TAGS') ? { tags: found.record.tags } : {}),
  };
}

/**
 * Makes one revision INACTIVE: it stays describable by `FAMILY:REV` and ARN, but the
 * bare family no longer picks it and no new task may use it. Naming the revision is
 * required, so a caller never retires one it did not mean.
 */
export async function deregisterTaskDefinition(
  store: Store,
  clock: Clock,
  input: DeregisterTaskDefinitionRequest,
  ctx: RequestContext,
): Promise<DeregisterTaskDefinitionResponse> {
  const scope = scopeOf(ctx);
  const reference = parseTaskDefinitionReference(input.taskDefinition, scope);
  if (reference.kind === 'family') throw new ClientException('Revision is missing.');
  if (reference.kind === 'bad-revision')
    throw new InvalidParameterException(`Invalid revision number. Number: ${reference.revision}`);
  const record = await store.transaction(async (tx) => {
    const found = await resolveParsedReference(tx, scope, reference);
    if (!found) throw new ClientException(NOT_FOUND);
    if (found.record.definition.status !== 'ACTIVE') return found.record;
    const updated = {
      ...found.record,
      definition: { ...found.record.definition, status: 'INACTIVE' as const },
      deregisteredAt: clock.nowMs(),
    };
    await putTaskDefinitionRecord(tx, scope, found.id, updated);
    return updated;
  });
  return { taskDefinition: toTaskDefinition(record) };
}
