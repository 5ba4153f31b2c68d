/**
 * The pieces ECS's permission tables share (authorization.ts for clusters, task
 * definitions and tasks; services/authorization.ts for services): a cluster reference as
 * the ARN policies see, a task definition reference as the revision it resolves to, the
 * roles an operation hands to ECS, tag lists as maps.
 */
import type { Store } from '../../store/types.js';
import { passRole } from '../authorization/common.js';
import type { Permission, Tags } from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import { DEFAULT_CLUSTER } from './clusters/lookup.js';
import type { Tag } from './generated/types.js';
import { parseTaskDefinitionReference } from './task-definitions/reference.js';
import { resolveParsedReference } from './task-definitions/resolve.js';

/** The principal of the roles a task definition names (task and execution roles). */
export const TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

/** A cluster reference (name or ARN; none means `default`) as the ARN policies see. */
export function clusterArnIn(ctx: RequestContext, reference: string | undefined): string {
  const name = reference ?? DEFAULT_CLUSTER;
  return name.startsWith('arn:') ? name : arnOf('ecs:cluster', scopeOf(ctx), { ClusterName: name });
}

/**
 * A task definition reference as the ARN an operation is authorized on: a family alone
 * means its latest ACTIVE revision; a family with none yet keeps its revision-less ARN
 * (the operation then answers that it does not exist).
 */
export async function taskDefinitionIn(store: Store, ctx: RequestContext, reference: string) {
  const scope = scopeOf(ctx);
  const parsed = parseTaskDefinitionReference(reference, scope);
  const resolved = await resolveParsedReference(store, scope, parsed);
  if (resolved?.record.definition.taskDefinitionArn) {
    return { arn: resolved.record.definition.taskDefinitionArn, record: resolved.record };
  }
  return {
    arn: reference.startsWith('arn:')
      ? reference
      : `${arnOf('ecs:task-definition', scope, {
          TaskDefinitionFamilyName: reference,
          TaskDefinitionRevisionNumber: '',
        }).replace(/:$/, '')}`,
    record: undefined,
  };
}

/** `iam:PassRole` on each distinct role given, to `service` (the tasks' principal by default). */
export function rolesPassed(
  store: Store,
  ctx: RequestContext,
  roles: ReadonlyArray<string | undefined>,
  service: string = TASKS_PRINCIPAL,
): Permission[] {
  const distinct = [...new Set(roles.filter((role): role is string => !!role))];
  return distinct.map((role) => passRole(store, ctx.accountId, role, service));
}

export function tagsOf(tags: readonly Tag[] | undefined): Tags | undefined {
  return tags && Object.fromEntries(tags.map((tag) => [tag.key ?? '', tag.value ?? '']));
}
