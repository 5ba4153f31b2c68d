/**
 * What each EC2 operation needs permission for. Describe calls are `*` (EC2 has no
 * resource-level permission for them); the others act on `arn:aws:ec2:REGION:ACCOUNT:TYPE/ID`
 * for every resource the reference marks required (CreateSubnet: the new subnet, as
 * `subnet/*`, and its VPC). A create with TagSpecifications needs ec2:CreateTags too, with
 * `ec2:CreateAction` naming the create, as EC2 documents.
 */
import type { Store } from '../../store/types.js';
import { tagOnCreate } from '../authorization/common.js';
import { networkAclsAndGateways } from './authorization-gateways.js';
import {
  anyResource,
  tagMap,
  type Authorize,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import type { Ec2Operations, TagSpecification } from './generated/types.js';
import {
  COLLECTIONS,
  type RouteTableRecord,
  type SecurityGroupRecord,
  type StoredTag,
} from './records.js';

/** Id prefixes: the reference's resource type and where teiki keeps the resource (for its tags). */
const KINDS: ReadonlyArray<{ prefix: string; type: string; name: string; collection?: string }> = [
  { prefix: 'vpc-', type: 'ec2:vpc', name: 'VpcId', collection: COLLECTIONS.vpcs },
  { prefix: 'subnet-', type: 'ec2:subnet', name: 'SubnetId', collection: COLLECTIONS.subnets },
  {
    prefix: 'sg-',
    type: 'ec2:security-group',
    name: 'SecurityGroupId',
    collection: COLLECTIONS.securityGroups,
  },
  { prefix: 'sgr-', type: 'ec2:security-group-rule', name: 'SecurityGroupRuleId' },
  {
    prefix: 'rtb-',
    type: 'ec2:route-table',
    name: 'RouteTableId',
    collection: COLLECTIONS.routeTables,
  },
  { prefix: 'acl-', type: 'ec2:network-acl', name: 'NaclId', collection: COLLECTIONS.networkAcls },
  {
    prefix: 'igw-',
    type: 'ec2:internet-gateway',
    name: 'InternetGatewayId',
    collection: COLLECTIONS.internetGateways,
  },
  {
    prefix: 'dopt-',
    type: 'ec2:dhcp-options',
    name: 'DhcpOptionsId',
    collection: COLLECTIONS.dhcpOptions,
  },
  {
    prefix: 'eni-',
    type: 'ec2:network-interface',
    name: 'NetworkInterfaceId',
    collection: COLLECTIONS.networkInterfaces,
  },
  {
    prefix: 'eipalloc-',
    type: 'ec2:elastic-ip',
    name: 'AllocationId',
    collection: COLLECTIONS.addresses,
  },
  {
    prefix: 'nat-',
    type: 'ec2:natgateway',
    name: 'NatGatewayId',
    collection: COLLECTIONS.natGateways,
  },
  {
    prefix: 'vpce-',
    type: 'ec2:vpc-endpoint',
    name: 'VpcEndpointId',
    collection: COLLECTIONS.vpcEndpoints,
  },
];

/** The permission on an existing EC2 resource, by its id. */
export type OnId = (
  action: string,
  ctx: RequestContext,
  id: string,
  extra?: Partial<Permission>,
) => Permission;

/** The permissions to create a resource (and to tag it as it is created). */
export type Created = (
  action: string,
  ctx: RequestContext,
  type: string,
  name: string,
  specifications: TagSpecification[] | undefined,
  resourceType: string,
) => Permission[];

export function ec2Authorization(store: Store): AuthorizationTable<Ec2Operations> {
  /** The permission on an existing resource, by id (`vpc-…`); an unknown prefix is `*`. */
  const onId = (
    action: string,
    ctx: RequestContext,
    id: string,
    extra: Partial<Permission> = {},
  ) => {
    const kind = KINDS.find((k) => id.startsWith(k.prefix));
    if (!kind) return { action, resource: '*', ...extra };
    const collection = kind.collection;
    return {
      action,
      resource: arnOf(kind.type, scopeOf(ctx), { [kind.name]: id }),
      ...(collection
        ? {
            resourceTags: async () =>
              tagsOf(
                (await store.collection<{ tags?: StoredTag[] }>(collection).get(scopeOf(ctx), id))
                  ?.tags,
              ),
          }
        : {}),
      ...extra,
    } satisfies Permission;
  };

  /** A resource this request creates: its ARN ends in `*`, its tags are the request's. */
  const created: Created = (action, ctx, type, name, specifications, resourceType) => {
    const resource = arnOf(type, scopeOf(ctx), { [name]: '*' });
    const tags = tagsFor(specifications, resourceType);
    const operation = action.slice(action.indexOf(':') + 1);
    return [
      { action, resource, ...(tags ? { requestTags: tags } : {}) },
      ...tagOnCreate('ec2:CreateTags', resource, operation, tags),
    ];
  };

  /** A security group named by id, or by name (its id looked up, else `*`). */
  const groupId = async (ctx: RequestContext, input: { GroupId?: string; GroupName?: string }) => {
    if (input.GroupId) return input.GroupId;
    if (!input.GroupName) return '*';
    const groups = await store
      .collection<SecurityGroupRecord>(COLLECTIONS.securityGroups)
      .list(scopeOf(ctx));
    return groups.find((entry) => entry.value.groupName === input.GroupName)?.value.groupId ?? '*';
  };
  const onGroup =
    (action: string): Authorize<{ GroupId?: string; GroupName?: string }> =>
    async (input, ctx) => {
      const id = await groupId(ctx, input);
      return [
        id === '*'
          ? {
              action,
              resource: arnOf('ec2:security-group', scopeOf(ctx), { SecurityGroupId: '*' }),
            }
          : onId(action, ctx, id),
      ];
    };
  const byId =
    <K extends string>(action: string, key: K): Authorize<Record<K, string>> =>
    (input, ctx) => [onId(action, ctx, input[key])];

  const table: AuthorizationTable<Ec2Operations> = {
    CreateVpc: (input, ctx) =>
      created('ec2:CreateVpc', ctx, 'ec2:vpc', 'VpcId', input.TagSpecifications, 'vpc'),
    DeleteVpc: byId('ec2:DeleteVpc', 'VpcId'),
    ModifyVpcAttribute: byId('ec2:ModifyVpcAttribute', 'VpcId'),
    DescribeVpcAttribute: byId('ec2:DescribeVpcAttribute', 'VpcId'),

    CreateSubnet: (input, ctx) => [
      ...created(
        'ec2:CreateSubnet',
        ctx,
        'ec2:subnet',
        'SubnetId',
        input.TagSpecifications,
        'subnet',
      ),
      onId('ec2:CreateSubnet', ctx, input.VpcId),
    ],
    DeleteSubnet: byId('ec2:DeleteSubnet', 'SubnetId'),
    ModifySubnetAttribute: byId('ec2:ModifySubnetAttribute', 'SubnetId'),

    CreateSecurityGroup: (input, ctx) => [
      ...created(
        'ec2:CreateSecurityGroup',
        ctx,
        'ec2:security-group',
        'SecurityGroupId',
        input.TagSpecifications,
        'security-group',
      ),
      ...(input.VpcId ? [onId('ec2:CreateSecurityGroup', ctx, input.VpcId)] : []),
    ],
    DeleteSecurityGroup: onGroup('ec2:DeleteSecurityGroup'),
    AuthorizeSecurityGroupIngress: onGroup('ec2:AuthorizeSecurityGroupIngress'),
    AuthorizeSecurityGroupEgress: onGroup('ec2:AuthorizeSecurityGroupEgress'),
    RevokeSecurityGroupIngress: onGroup('ec2:RevokeSecurityGroupIngress'),
    RevokeSecurityGroupEgress: onGroup('ec2:RevokeSecurityGroupEgress'),
    UpdateSecurityGroupRuleDescriptionsIngress: onGroup(
      'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
    ),
    UpdateSecurityGroupRuleDescriptionsEgress: onGroup(
      'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
    ),
    ModifySecurityGroupRules: (input, ctx) => [
      onId('ec2:ModifySecurityGroupRules', ctx, input.GroupId),
      ...input.SecurityGroupRules.flatMap((rule) =>
        rule.SecurityGroupRuleId
          ? [onId('ec2:ModifySecurityGroupRules', ctx, rule.SecurityGroupRuleId)]
          : [],
      ),
    ],

    CreateTags: (input, ctx) => {
      const tags = tagMap(input.Tags) ?? {};
      return input.Resources.map((id) => onId('ec2:CreateTags', ctx, id, { requestTags: tags }));
    },
    DeleteTags: (input, ctx) =>
      input.Resources.map((id) =>
        onId('ec2:DeleteTags', ctx, id, {
          context: { 'aws:TagKeys': (input.Tags ?? []).map((tag) => tag.Key ?? '') },
        }),
      ),

    CreateInternetGateway: (input, ctx) =>
      created(
        'ec2:CreateInternetGateway',
        ctx,
        'ec2:internet-gateway',
        'InternetGatewayId',
        input.TagSpecifications,
        'internet-gateway',
      ),
    DeleteInternetGateway: byId('ec2:DeleteInternetGateway', 'InternetGatewayId'),
    AttachInternetGateway: (input, ctx) => [
      onId('ec2:AttachInternetGateway', ctx, input.InternetGatewayId),
      onId('ec2:AttachInternetGateway', ctx, input.VpcId),
    ],
    DetachInternetGateway: (input, ctx) => [
      onId('ec2:DetachInternetGateway', ctx, input.InternetGatewayId),
      onId('ec2:DetachInternetGateway', ctx, input.VpcId),
    ],

    CreateRouteTable: (input, ctx) => [
      ...created(
        'ec2:CreateRouteTable',
        ctx,
        'ec2:route-table',
        'RouteTableId',
        input.TagSpecifications,
        'route-table',
      ),
      onId('ec2:CreateRouteTable', ctx, input.VpcId),
    ],
    DeleteRouteTable: byId('ec2:DeleteRouteTable', 'RouteTableId'),
    CreateRoute: byId('ec2:CreateRoute', 'RouteTableId'),
    DeleteRoute: byId('ec2:DeleteRoute', 'RouteTableId'),
    AssociateRouteTable: (input, ctx) => [
      onId('ec2:AssociateRouteTable', ctx, input.RouteTableId),
      ...(input.SubnetId ? [onId('ec2:AssociateRouteTable', ctx, input.SubnetId)] : []),
      ...(input.GatewayId ? [onId('ec2:AssociateRouteTable', ctx, input.GatewayId)] : []),
    ],
    async DisassociateRouteTable(input, ctx) {
      // Named by its association: on the route table that holds it (and its subnet).
      const tables = await store
        .collection<RouteTableRecord>(COLLECTIONS.routeTables)
        .list(scopeOf(ctx));
      for (const { value } of tables) {
        const association = value.associations.find((a) => a.associationId === input.AssociationId);
        if (!association) continue;
        return [
          onId('ec2:DisassociateRouteTable', ctx, value.routeTableId),
          ...(association.subnetId
            ? [onId('ec2:DisassociateRouteTable', ctx, association.subnetId)]
            : []),
        ];
      }
      return [{ action: 'ec2:DisassociateRouteTable', resource: '*' }];
    },

    ...networkAclsAndGateways(store, onId, created),
  };
  for (const name of DESCRIBES) table[name] = anyResource(`ec2:${name}`);
  return table;
}

/** EC2's reads: no resource-level permissions, `*` (DescribeVpcAttribute is the exception). */
const DESCRIBES = [
  'DescribeAccountAttributes',
  'DescribeAddresses',
  'DescribeAddressesAttribute',
  'DescribeAvailabilityZones',
  'DescribeDhcpOptions',
  'DescribeInstances',
  'DescribeInternetGateways',
  'DescribeManagedPrefixLists',
  'DescribeNatGateways',
  'DescribeNetworkAcls',
  'DescribeNetworkInterfaces',
  'DescribePrefixLists',
  'DescribeRegions',
  'DescribeRouteTables',
  'DescribeSecurityGroupRules',
  'DescribeSecurityGroups',
  'DescribeSubnets',
  'DescribeTags',
  'DescribeVpcClassicLink',
  'DescribeVpcClassicLinkDnsSupport',
  'DescribeVpcEndpointServices',
  'DescribeVpcEndpoints',
  'DescribeVpcs',
] as const satisfies ReadonlyArray<keyof Ec2Operations>;

/** The tags a create's TagSpecifications put on the resource of `resourceType`. */
function tagsFor(
  specifications: TagSpecification[] | undefined,
  resourceType: string,
): Tags | undefined {
  const tags = (specifications ?? [])
    .filter((spec) => spec.ResourceType === resourceType)
    .flatMap((spec) => spec.Tags ?? []);
  return tags.length > 0 ? tagMap(tags) : undefined;
}

function tagsOf(tags: readonly StoredTag[] | undefined): Tags | undefined {
  return tags && Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}
