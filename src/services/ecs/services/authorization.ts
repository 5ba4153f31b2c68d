/**
 * What each service operation needs permission for, from the Service Authorization
 * Reference: the action on the service's ARN (`service/CLUSTER/NAME`), a deployment's or a
 * revision's own ARN for the operations that name them, `*` for the listings; the keys the
 * reference lists (`ecs:cluster`, `ecs:task-definition`, `ecs:subnet`…) from the request;
 * `iam:PassRole` on the task definition's task and execution roles when a service is
 * created or given a new task definition (the roles its tasks will run with), and on the
 * service's `role` (handed to ecs.amazonaws.com); `ecs:TagResource` with `ecs:CreateAction`
 * when a service is created with tags.
 */
import type { Store } from '../../../store/types.js';
import { tagOnCreate } from '../../authorization/common.js';
import {
  tagMap,
  type AuthorizationTable,
  type Permission,
} from '../../authorization/permission.js';
import { arnOf } from '../../authorization/reference.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { clusterArnIn, rolesPassed, tagsOf, taskDefinitionIn } from '../authorization-parts.js';
import { clusterNameIn, DEFAULT_CLUSTER } from '../clusters/lookup.js';
import type {
  CapacityProviderStrategyItem,
  CreateServiceRequest,
  EcsOperations,
  UpdateServiceRequest,
} from '../generated/types.js';
import { parseChildArn } from './arns.js';
import { findService } from './lookup.js';

/** The role a service's `role` is handed to: ECS itself, for its load balancers. */
const ECS_PRINCIPAL = 'ecs.amazonaws.com';

type ServiceOperations = Pick<
  EcsOperations,
  | 'CreateService'
  | 'UpdateService'
  | 'DeleteService'
  | 'DescribeServices'
  | 'ListServices'
  | 'ListServicesByNamespace'
  | 'DescribeServiceDeployments'
  | 'ListServiceDeployments'
  | 'DescribeServiceRevisions'
>;

export function servicesAuthorization(store: Store): AuthorizationTable<ServiceOperations> {
  const clusterNameOf = (ctx: RequestContext, reference: string | undefined) =>
    clusterNameIn(scopeOf(ctx), reference ?? DEFAULT_CLUSTER) ?? DEFAULT_CLUSTER;

  /** A service reference (name or ARN) in a cluster: its ARN, and its tags when read. */
  const onService = (
    action: string,
    ctx: RequestContext,
    clusterReference: string | undefined,
    service: string,
  ): Permission => {
    const clusterName = clusterNameOf(ctx, clusterReference);
    return {
      action,
      resource: service.startsWith('arn:')
        ? service
        : arnOf('ecs:service', scopeOf(ctx), { ClusterName: clusterName, ServiceName: service }),
      context: { 'ecs:cluster': clusterArnIn(ctx, clusterReference) },
      resourceTags: async () =>
        tagsOf((await findService(store, scopeOf(ctx), clusterName, service))?.tags),
    };
  };

  /** A `service-deployment` or `service-revision` ARN, with its cluster and service. */
  const onChild = (
    action: string,
    kind: 'service-deployment' | 'service-revision',
    ctx: RequestContext,
    arn: string,
  ): Permission => {
    const scope = scopeOf(ctx);
    const parsed = parseChildArn(scope, kind, arn);
    if (!parsed) return { action, resource: arn };
    const { clusterName, serviceName } = parsed;
    return {
      action,
      resource: arn,
      context: {
        'ecs:cluster': arnOf('ecs:cluster', scope, { ClusterName: clusterName }),
        'ecs:service': arnOf('ecs:service', scope, {
          ClusterName: clusterName,
          ServiceName: serviceName,
        }),
      },
      resourceTags: async () =>
        tagsOf((await findService(store, scope, clusterName, serviceName))?.tags),
    };
  };

  /** The keys CreateService and UpdateService share, from what the request says. */
  const configurationKeys = async (
    ctx: RequestContext,
    input: CreateServiceRequest | UpdateServiceRequest,
  ) => {
    const definition =
      input.taskDefinition === undefined
        ? undefined
        : await taskDefinitionIn(store, ctx, input.taskDefinition);
    const vpc = input.networkConfiguration?.awsvpcConfiguration;
    const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
    return {
      definition,
      context: {
        'ecs:cluster': clusterArnIn(ctx, input.cluster),
        'ecs:capacity-provider': capacityProviderArns(ctx, input.capacityProviderStrategy),
        'ecs:task-definition': definition?.arn,
        'ecs:task-cpu': definition?.record?.definition.cpu,
        'ecs:task-memory': definition?.record?.definition.memory,
        'ecs:enable-ecs-managed-tags': flag(input.enableECSManagedTags),
        'ecs:propagate-tags': input.propagateTags,
        'ecs:enable-execute-command': flag(input.enableExecuteCommand),
        'ecs:enable-service-connect': flag(input.serviceConnectConfiguration?.enabled),
        'ecs:namespace': input.serviceConnectConfiguration?.namespace,
        'ecs:subnet': vpc?.subnets,
        'ecs:auto-assign-public-ip': vpc?.assignPublicIp,
        'ecs:enable-ebs-volumes': flag(
          input.volumeConfigurations && input.volumeConfigurations.length > 0,
        ),
        'ecs:enable-vpc-lattice': flag(
          input.vpcLatticeConfigurations && input.vpcLatticeConfigurations.length > 0,
        ),
      },
    };
  };

  return {
    async CreateService(input, ctx) {
      const resource = arnOf('ecs:service', scopeOf(ctx), {
        ClusterName: clusterNameOf(ctx, input.cluster),
        ServiceName: input.serviceName,
      });
      const { definition, context } = await configurationKeys(ctx, {
        enableECSManagedTags: false,
        enableExecuteCommand: false,
        propagateTags: 'NONE',
        ...input,
      });
      const tags = tagMap(input.tags);
      return [
        { action: 'ecs:CreateService', resource, context, ...(tags ? { requestTags: tags } : {}) },
        ...rolesPassed(store, ctx, [
          definition?.record?.definition.taskRoleArn,
          definition?.record?.definition.executionRoleArn,
        ]),
        ...rolesPassed(store, ctx, [input.role], ECS_PRINCIPAL),
        ...tagOnCreate('ecs:TagResource', resource, 'CreateService', tags),
      ];
    },
    async UpdateService(input, ctx) {
      const { definition, context } = await configurationKeys(ctx, input);
      return [
        { ...onService('ecs:UpdateService', ctx, input.cluster, input.service), context },
        ...rolesPassed(store, ctx, [
          definition?.record?.definition.taskRoleArn,
          definition?.record?.definition.executionRoleArn,
        ]),
      ];
    },
    DeleteService(input, ctx) {
      return [onService('ecs:DeleteService', ctx, input.cluster, input.service)];
    },
    DescribeServices(input, ctx) {
      return input.services.map((service) =>
        onService('ecs:DescribeServices', ctx, input.cluster, service),
      );
    },
    ListServices(input, ctx) {
      return [
        {
          action: 'ecs:ListServices',
          resource: '*',
          context: { 'ecs:cluster': clusterArnIn(ctx, input.cluster) },
        },
      ];
    },
    ListServicesByNamespace(input) {
      return [
        {
          action: 'ecs:ListServicesByNamespace',
          resource: '*',
          context: { 'ecs:namespace': input.namespace },
        },
      ];
    },
    ListServiceDeployments(input, ctx) {
      return [onService('ecs:ListServiceDeployments', ctx, input.cluster, input.service)];
    },
    DescribeServiceDeployments(input, ctx) {
      return input.serviceDeploymentArns.map((arn) =>
        onChild('ecs:DescribeServiceDeployments', 'service-deployment', ctx, arn),
      );
    },
    DescribeServiceRevisions(input, ctx) {
      return input.serviceRevisionArns.map((arn) =>
        onChild('ecs:DescribeServiceRevisions', 'service-revision', ctx, arn),
      );
    },
  };
}

function capacityProviderArns(
  ctx: RequestContext,
  strategy: readonly CapacityProviderStrategyItem[] | undefined,
): string[] | undefined {
  return strategy?.map((item) =>
    arnOf('ecs:capacity-provider', scopeOf(ctx), { CapacityProviderName: item.capacityProvider }),
  );
}
