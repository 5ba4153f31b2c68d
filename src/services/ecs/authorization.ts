/**
 * What each ECS operation needs permission for, from the Service Authorization Reference:
 * the action, the resource it acts on (`*` where the reference names none), the keys
 * ECS documents (`ecs:cluster`, `ecs:task-cpu`…), `iam:PassRole` on the roles a task
 * definition or a run hands to ECS (AWS checks it at RegisterTaskDefinition and at
 * RunTask), and `ecs:TagResource` with `ecs:CreateAction` when a resource is created with
 * tags. Services' operations are mapped in services/authorization.ts.
 */
import type { Store } from '../../store/types.js';
import { tagOnCreate } from '../authorization/common.js';
import {
  anyResource,
  tagMap,
  type AuthorizationTable,
  type Permission,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import { clusterArnIn, rolesPassed, tagsOf, taskDefinitionIn } from './authorization-parts.js';
import { clusterNameIn, DEFAULT_CLUSTER, findCluster } from './clusters/lookup.js';
import type { EcsOperations } from './generated/types.js';
import {
  TASK_DEFINITION_FAMILIES,
  TASKS,
  taskRecordId,
  type TaskDefinitionFamilyRecord,
  type TaskRecord,
} from './records.js';
import { findService } from './services/lookup.js';
import { servicesAuthorization } from './services/authorization.js';
import { parseTaskDefinitionReference } from './task-definitions/reference.js';
import { resolveParsedReference } from './task-definitions/resolve.js';
import { tagTarget } from './tags/target.js';

export function ecsAuthorization(store: Store): AuthorizationTable<EcsOperations> {
  const clusterArn = clusterArnIn;

  const clusterTags = (ctx: RequestContext, reference: string) => async () =>
    tagsOf((await findCluster(store, scopeOf(ctx), reference))?.tags);

  const onCluster = (action: string) => (input: { cluster: string }, ctx: RequestContext) => [
    {
      action,
      resource: clusterArn(ctx, input.cluster),
      resourceTags: clusterTags(ctx, input.cluster),
    },
  ];

  /** A task reference (id or ARN) in a cluster, as its ARN. */
  const taskPermission = (
    action: string,
    ctx: RequestContext,
    clusterReference: string | undefined,
    task: string,
  ): Permission => {
    const scope = scopeOf(ctx);
    const cluster = clusterArn(ctx, clusterReference);
    const clusterName = clusterNameIn(scope, clusterReference ?? DEFAULT_CLUSTER) ?? '';
    const resource = task.startsWith('arn:')
      ? task
      : arnOf('ecs:task', scope, { ClusterName: clusterName, TaskId: task });
    return {
      action,
      resource,
      context: { 'ecs:cluster': cluster },
      resourceTags: async () => {
        const id = resource.slice(resource.lastIndexOf('/') + 1);
        const record = await store
          .collection<TaskRecord>(TASKS)
          .get(scope, taskRecordId(clusterName, id));
        return tagsOf(record?.tags);
      },
    };
  };

  const taskDefinition = (ctx: RequestContext, reference: string) =>
    taskDefinitionIn(store, ctx, reference);

  /** Any ECS resource a tagging ARN names, and its tags. */
  const taggedResource = (ctx: RequestContext, resourceArn: string) => async () => {
    const scope = scopeOf(ctx);
    try {
      const target = tagTarget(scope, resourceArn);
      if (target.elsewhere) return undefined;
      switch (target.kind) {
        case 'cluster':
          return tagsOf((await findCluster(store, scope, target.clusterName))?.tags);
        case 'task-definition':
          return tagsOf(
            (
              await resolveParsedReference(
                store,
                scope,
                parseTaskDefinitionReference(target.arn, scope),
              )
            )?.record.tags,
          );
        case 'task':
          return tagsOf(
            (
              await store
                .collection<TaskRecord>(TASKS)
                .get(scope, taskRecordId(target.clusterName, target.taskId))
            )?.tags,
          );
        case 'service':
          return tagsOf(
            (await findService(store, scope, target.clusterName, target.serviceName))?.tags,
          );
      }
    } catch {
      // A malformed ARN has no tags; the operation answers its own error.
      return undefined;
    }
  };

  return {
    ListClusters: anyResource('ecs:ListClusters'),
    ListTaskDefinitionFamilies: anyResource('ecs:ListTaskDefinitionFamilies'),
    ListTaskDefinitions: anyResource('ecs:ListTaskDefinitions'),
    DescribeTaskDefinition: anyResource('ecs:DescribeTaskDefinition'),
    DeregisterTaskDefinition: anyResource('ecs:DeregisterTaskDefinition'),

    CreateCluster(input, ctx) {
      const resource = clusterArn(ctx, input.clusterName);
      const tags = tagMap(input.tags);
      return [
        {
          action: 'ecs:CreateCluster',
          resource,
          context: {
            'ecs:capacity-provider': (input.capacityProviders ?? []).map((name) =>
              arnOf('ecs:capacity-provider', scopeOf(ctx), { CapacityProviderName: name }),
            ),
          },
          ...(tags ? { requestTags: tags } : {}),
        },
        ...tagOnCreate('ecs:TagResource', resource, 'CreateCluster', tags),
      ];
    },
    DeleteCluster: onCluster('ecs:DeleteCluster'),
    UpdateCluster: onCluster('ecs:UpdateCluster'),
    UpdateClusterSettings: onCluster('ecs:UpdateClusterSettings'),
    PutClusterCapacityProviders(input, ctx) {
      return [
        {
          action: 'ecs:PutClusterCapacityProviders',
          resource: clusterArn(ctx, input.cluster),
          context: {
            'ecs:capacity-provider': input.capacityProviders.map((name) =>
              arnOf('ecs:capacity-provider', scopeOf(ctx), { CapacityProviderName: name }),
            ),
          },
          resourceTags: clusterTags(ctx, input.cluster),
        },
      ];
    },
    DescribeClusters(input, ctx) {
      return (input.clusters?.length ? input.clusters : [DEFAULT_CLUSTER]).map((cluster) => ({
        action: 'ecs:DescribeClusters',
        resource: clusterArn(ctx, cluster),
        resourceTags: clusterTags(ctx, cluster),
      }));
    },

    async RegisterTaskDefinition(input, ctx) {
      const scope = scopeOf(ctx);
      // The revision this registration will take: policies may name it.
      const last =
        (
          await store
            .collection<TaskDefinitionFamilyRecord>(TASK_DEFINITION_FAMILIES)
            .get(scope, input.family)
        )?.lastRevision ?? 0;
      const resource = arnOf('ecs:task-definition', scope, {
        TaskDefinitionFamilyName: input.family,
        TaskDefinitionRevisionNumber: String(last + 1),
      });
      const tags = tagMap(input.tags);
      return [
        {
          action: 'ecs:RegisterTaskDefinition',
          resource,
          context: {
            'ecs:task-cpu': input.cpu,
            'ecs:task-memory': input.memory,
            'ecs:compute-compatibility': input.requiresCompatibilities,
            'ecs:privileged': String(input.containerDefinitions.some((c) => c.privileged === true)),
          },
          ...(tags ? { requestTags: tags } : {}),
        },
        ...rolesPassed(store, ctx, [input.taskRoleArn, input.executionRoleArn]),
        ...tagOnCreate('ecs:TagResource', resource, 'RegisterTaskDefinition', tags),
      ];
    },
    DeleteTaskDefinitions(input, ctx) {
      return input.taskDefinitions.map((reference) => {
        const scope = scopeOf(ctx);
        const parsed = parseTaskDefinitionReference(reference, scope);
        const resource =
          reference.startsWith('arn:') || parsed.kind !== 'revision'
            ? reference
            : arnOf('ecs:task-definition', scope, {
                TaskDefinitionFamilyName: parsed.family,
                TaskDefinitionRevisionNumber: String(parsed.revision),
              });
        return {
          action: 'ecs:DeleteTaskDefinitions',
          resource,
          resourceTags: async () =>
            tagsOf((await resolveParsedReference(store, scope, parsed))?.record.tags),
        };
      });
    },

    async RunTask(input, ctx) {
      const definition = await taskDefinition(ctx, input.taskDefinition);
      const overrides = input.overrides;
      const tags = tagMap(input.tags);
      const scope = scopeOf(ctx);
      const clusterName = clusterNameIn(scope, input.cluster ?? DEFAULT_CLUSTER) ?? DEFAULT_CLUSTER;
      const strategy = input.capacityProviderStrategy ?? [];
      return [
        {
          action: 'ecs:RunTask',
          resource: definition.arn,
          context: {
            'ecs:cluster': clusterArn(ctx, input.cluster),
            'ecs:task-cpu': overrides?.cpu ?? definition.record?.definition.cpu,
            'ecs:task-memory': overrides?.memory ?? definition.record?.definition.memory,
            'ecs:capacity-provider': strategy.map((item) =>
              arnOf('ecs:capacity-provider', scope, {
                CapacityProviderName: item.capacityProvider,
              }),
            ),
            'ecs:enable-execute-command': String(input.enableExecuteCommand ?? false),
          },
          ...(tags ? { requestTags: tags } : {}),
          resourceTags: () => Promise.resolve(tagsOf(definition.record?.tags)),
        },
        ...rolesPassed(store, ctx, [
          overrides?.taskRoleArn ?? definition.record?.definition.taskRoleArn,
          overrides?.executionRoleArn ?? definition.record?.definition.executionRoleArn,
        ]),
        // The task's id is not known before it runs: its ARN ends in `*`.
        ...tagOnCreate(
          'ecs:TagResource',
          arnOf('ecs:task', scope, { ClusterName: clusterName, TaskId: '*' }),
          'RunTask',
          tags,
        ),
      ];
    },
    DescribeTasks(input, ctx) {
      return input.tasks.map((task) =>
        taskPermission('ecs:DescribeTasks', ctx, input.cluster, task),
      );
    },
    StopTask(input, ctx) {
      return [taskPermission('ecs:StopTask', ctx, input.cluster, input.task)];
    },
    ListTasks(input, ctx) {
      // ListTasks names container instances only; across a cluster it is `*` with ecs:cluster.
      return [
        {
          action: 'ecs:ListTasks',
          resource: '*',
          context: { 'ecs:cluster': clusterArn(ctx, input.cluster) },
        },
      ];
    },

    TagResource(input, ctx) {
      return [
        {
          action: 'ecs:TagResource',
          resource: input.resourceArn,
          requestTags: tagMap(input.tags) ?? {},
          resourceTags: taggedResource(ctx, input.resourceArn),
        },
      ];
    },
    UntagResource(input, ctx) {
      return [
        {
          action: 'ecs:UntagResource',
          resource: input.resourceArn,
          context: { 'aws:TagKeys': input.tagKeys },
          resourceTags: taggedResource(ctx, input.resourceArn),
        },
      ];
    },
    ListTagsForResource(input, ctx) {
      return [
        {
          action: 'ecs:ListTagsForResource',
          resource: input.resourceArn,
          resourceTags: taggedResource(ctx, input.resourceArn),
        },
      ];
    },

    ...servicesAuthorization(store),
  };
}
