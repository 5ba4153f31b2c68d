/**
 * VPC endpoints as records: a gateway endpoint adds a route to its service's prefix list in
 * each of its route tables; an interface endpoint holds one requester-managed interface per
 * subnet (one subnet per zone), with the VPC's default security group unless given others.
 * CreateVpcEndpoint answers `pending` for an interface (gateways are `available` at once) and
 * the endpoint reads `available` from then on; DeleteVpcEndpoints removes its routes and
 * interfaces. Nothing forwards to the service: teiki serves those APIs on its own port.
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS, ec2Error, invalidParameterValue, missingParameter } from '../errors.js';
import { newEc2Id } from '../ids.js';
import { createInterfaceRecord, deleteInterfaceRecord } from '../network-interfaces/records.js';
import { toTags, type VpcEndpointRecord } from '../records.js';
import { listAll, mustGet, selectByIds, tablesOf, type Tables } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import { endpointKinds, prefixListsOf, privateDnsNameOf, serviceNotFound } from './services.js';
import type {
  CreateVpcEndpointRequest,
  CreateVpcEndpointResult,
  DeleteVpcEndpointsRequest,
  DeleteVpcEndpointsResult,
  DescribeVpcEndpointsRequest,
  DescribeVpcEndpointsResult,
  ModifyVpcEndpointRequest,
  ModifyVpcEndpointResult,
  VpcEndpoint,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** The policy AWS gives an endpoint created without one: full access. */
export const FULL_ACCESS_POLICY = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});

/** The Route 53 zone id AWS answers for endpoint DNS names of a region (one per region). */
const ENDPOINT_ZONE_ID = 'Z7HUB22UULQXV';

/** AWS answers endpoint states in lower case (`available`), though the model's enum is capitalized. */
type EndpointState = 'pending' | 'available';

function endpointOutput(record: VpcEndpointRecord, scope: Scope, state: EndpointState) {
  const interfaceKind = record.vpcEndpointType === 'Interface';
  const suffix = `${record.serviceName.split('.').slice(3).join('.')}.${scope.region}.vpce.amazonaws.com`;
  const dnsEntries = interfaceKind
    ? [
        { DnsName: `${record.vpcEndpointId}.${suffix}`, HostedZoneId: ENDPOINT_ZONE_ID },
        ...(record.privateDnsEnabled
          ? [{ DnsName: privateDnsNameOf(record.serviceName), HostedZoneId: ENDPOINT_ZONE_ID }]
          : []),
      ]
    : [];
  return {
    CreationTimestamp: new Date(record.creationTimestamp),
    DnsEntries: dnsEntries,
    ...(interfaceKind ? { DnsOptions: { DnsRecordIpType: 'ipv4' as const } } : {}),
    Groups: record.groupIds.map((id) => ({ GroupId: id })),
    IpAddressType: record.ipAddressType,
    NetworkInterfaceIds: record.networkInterfaceIds,
    OwnerId: scope.accountId,
    PolicyDocument: record.policyDocument,
    PrivateDnsEnabled: record.privateDnsEnabled,
    RequesterManaged: false,
    RouteTableIds: record.routeTableIds,
    ServiceName: record.serviceName,
    ServiceRegion: scope.region,
    State: state as VpcEndpoint['State'],
    SubnetIds: record.subnetIds,
    Tags: toTags(record.tags) ?? [],
    VpcEndpointId: record.vpcEndpointId,
    VpcEndpointType: record.vpcEndpointType,
    VpcId: record.vpcId,
  } satisfies VpcEndpoint;
}

function policyOf(document: string | undefined): string {
  if (document === undefined) return FULL_ACCESS_POLICY;
  try {
    JSON.parse(document);
  } catch {
    throw ec2Error('MalformedPolicy', 'Policy document is not valid JSON.');
  }
  return document;
}

/** Adds (or removes) the gateway route of `record`'s service in each route table named. */
async function setGatewayRoutes(
  tables: Tables,
  scope: Scope,
  record: VpcEndpointRecord,
  routeTableIds: readonly string[],
  add: boolean,
): Promise<void> {
  const prefixListId = prefixListsOf(scope.region).find(
    (p) => p.PrefixListName === record.serviceName,
  )?.PrefixListId;
  if (prefixListId === undefined) return;
  for (const id of routeTableIds) {
    const table = add
      ? await mustGet(tables.routeTables, scope, KINDS.routeTable, id)
      : await tables.routeTables.get(scope, id);
    if (!table) continue;
    if (add && table.vpcId !== record.vpcId) {
      throw invalidParameterValue(
        `route table ${id} and vpc endpoint ${record.vpcEndpointId} belong to different networks`,
      );
    }
    const others = table.routes.filter((r) => r.gatewayId !== record.vpcEndpointId);
    const routes = add
      ? [
          ...others,
          {
            destinationPrefixListId: prefixListId,
            gatewayId: record.vpcEndpointId,
            origin: 'CreateRoute' as const,
          },
        ]
      : others;
    await tables.routeTables.put(scope, table.routeTableId, { ...table, routes });
  }
}

/** Gives an interface endpoint an interface in each subnet named, one subnet per zone. */
async function addInterfaces(
  tables: Tables,
  scope: Scope,
  record: VpcEndpointRecord,
  subnetIds: readonly string[],
): Promise<void> {
  const zones = new Map<string, string>();
  for (const id of record.subnetIds) {
    const subnet = await tables.subnets.get(scope, id);
    if (subnet) zones.set(subnet.availabilityZone, id);
  }
  for (const id of subnetIds) {
    const subnet = await mustGet(tables.subnets, scope, KINDS.subnet, id);
    if (subnet.vpcId !== record.vpcId) {
      throw invalidParameterValue(
        `The subnet ID '${id}' does not belong to the vpc '${record.vpcId}'`,
      );
    }
    if (zones.has(subnet.availabilityZone)) {
      throw ec2Error(
        'DuplicateSubnetsInSameZone',
        `Found another VPC endpoint subnet in the availability zone of ${id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    zones.set(subnet.availabilityZone, id);
    const eni = await createInterfaceRecord(tables, scope, subnet, {
      groupIds: record.groupIds,
      description: `VPC Endpoint Interface ${record.vpcEndpointId}`,
      interfaceType: 'vpc_endpoint',
      requesterId: 'amazon-aws',
      requesterManaged: true,
    });
    record.subnetIds.push(id);
    record.networkInterfaceIds.push(eni.networkInterfaceId);
  }
}

async function removeInterfaces(
  tables: Tables,
  scope: Scope,
  record: VpcEndpointRecord,
  subnetIds: readonly string[],
): Promise<void> {
  for (const id of subnetIds) {
    const at = record.subnetIds.indexOf(id);
    if (at === -1) continue;
    const eniId = record.networkInterfaceIds[at];
    if (eniId !== undefined) await deleteInterfaceRecord(tables, scope, eniId);
    record.subnetIds.splice(at, 1);
    record.networkInterfaceIds.splice(at, 1);
  }
}

async function checkGroups(
  tables: Tables,
  scope: Scope,
  vpcId: string,
  groupIds: readonly string[],
): Promise<void> {
  for (const id of groupIds) {
    const group = await tables.securityGroups.get(scope, id);
    if (!group) {
      throw ec2Error(
        'InvalidSecurityGroupId.NotFound',
        `The security group '${id}' does not exist`,
      );
    }
    if (group.vpcId !== vpcId) {
      throw invalidParameterValue(
        `The security group '${id}' does not belong to the vpc '${vpcId}'`,
      );
    }
  }
}

export async function createVpcEndpoint(
  deps: Ec2Deps,
  input: CreateVpcEndpointRequest,
  ctx: RequestContext,
): Promise<CreateVpcEndpointResult> {
  const { store, clock } = deps;
  const scope = scopeOf(ctx);
  if (
    input.ResourceConfigurationArn !== undefined ||
    input.ServiceNetworkArn !== undefined ||
    input.SubnetConfigurations !== undefined
  ) {
    throw invalidParameterValue(
      'teiki does not implement resource, service-network or addressed endpoints.',
    );
  }
  if (input.IpAddressType !== undefined && input.IpAddressType !== 'ipv4') {
    throw invalidParameterValue('teiki does not implement IPv6 VPC endpoints.');
  }
  if (input.ServiceName === undefined) {
    throw missingParameter('The request must contain the parameter ServiceName');
  }
  const serviceName = input.ServiceName;
  const kind = input.VpcEndpointType ?? 'Gateway';
  if (kind !== 'Gateway' && kind !== 'Interface') {
    throw invalidParameterValue(`teiki does not implement ${kind} VPC endpoints.`);
  }
  const kinds = endpointKinds(scope.region, serviceName);
  if (!kinds) throw serviceNotFound(serviceName);
  if (!kinds.includes(kind)) {
    throw ec2Error(
      'InvalidParameter',
      `The Vpc Endpoint Service '${serviceName}' does not support ${kind} endpoints.`,
    );
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc-endpoint');
  const record = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    const privateDnsEnabled =
      kind === 'Interface' &&
      (input.PrivateDnsEnabled ?? true) &&
      !serviceName.endsWith('.s3') &&
      !serviceName.endsWith('.dynamodb');
    if (privateDnsEnabled) {
      if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) {
        throw ec2Error(
          'InvalidParameter',
          `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.vpcId}`,
        );
      }
      const clash = (await listAll(tables.vpcEndpoints, scope)).some(
        (e) => e.vpcId === vpc.vpcId && e.serviceName === serviceName && e.privateDnsEnabled,
      );
      if (clash) {
        throw ec2Error(
          'InvalidParameter',
          `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${privateDnsNameOf(serviceName)} in the VPC ${vpc.vpcId}`,
        );
      }
    }
    const groupIds =
      kind === 'Interface'
        ? input.SecurityGroupIds && input.SecurityGroupIds.length > 0
          ? [...new Set(input.SecurityGroupIds)]
          : [vpc.defaultSecurityGroupId]
        : [];
    await checkGroups(tables, scope, vpc.vpcId, groupIds);
    const created: VpcEndpointRecord = {
      vpcEndpointId: newEc2Id('vpce'),
      vpcEndpointType: kind,
      vpcId: vpc.vpcId,
      serviceName,
      policyDocument: policyOf(input.PolicyDocument),
      routeTableIds: [],
      subnetIds: [],
      groupIds,
      networkInterfaceIds: [],
      privateDnsEnabled,
      ipAddressType: 'ipv4',
      creationTimestamp: clock.now().toISOString(),
      tags,
    };
    if (kind === 'Gateway') {
      const routeTableIds = [...new Set(input.RouteTableIds ?? [])];
      await setGatewayRoutes(tables, scope, created, routeTableIds, true);
      created.routeTableIds = routeTableIds;
    } else {
      await addInterfaces(tables, scope, created, [...new Set(input.SubnetIds ?? [])]);
    }
    await tables.vpcEndpoints.put(scope, created.vpcEndpointId, created);
    return created;
  });
  return {
    ...(input.ClientToken !== undefined ? { ClientToken: input.ClientToken } : {}),
    VpcEndpoint: endpointOutput(record, scope, kind === 'Gateway' ? 'available' : 'pending'),
  };
}

export async function modifyVpcEndpoint(
  deps: Ec2Deps,
  input: ModifyVpcEndpointRequest,
  ctx: RequestContext,
): Promise<ModifyVpcEndpointResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.SubnetConfigurations !== undefined || input.DnsOptions !== undefined) {
    throw invalidParameterValue('teiki does not implement endpoint DNS or address options.');
  }
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const record = await mustGet(
      tables.vpcEndpoints,
      scope,
      KINDS.vpcEndpoint,
      input.VpcEndpointId,
    );
    const next: VpcEndpointRecord = {
      ...record,
      routeTableIds: [...record.routeTableIds],
      subnetIds: [...record.subnetIds],
      networkInterfaceIds: [...record.networkInterfaceIds],
      groupIds: [...record.groupIds],
    };
    if (input.ResetPolicy === true) next.policyDocument = FULL_ACCESS_POLICY;
    else if (input.PolicyDocument !== undefined) {
      next.policyDocument = policyOf(input.PolicyDocument);
    }
    if (record.vpcEndpointType === 'Gateway') {
      const removed = input.RemoveRouteTableIds ?? [];
      const added = (input.AddRouteTableIds ?? []).filter((id) => !next.routeTableIds.includes(id));
      await setGatewayRoutes(tables, scope, next, removed, false);
      await setGatewayRoutes(tables, scope, next, added, true);
      next.routeTableIds = [...next.routeTableIds.filter((id) => !removed.includes(id)), ...added];
    } else {
      if (input.PrivateDnsEnabled !== undefined) {
        next.privateDnsEnabled = input.PrivateDnsEnabled;
      }
      const removedGroups = input.RemoveSecurityGroupIds ?? [];
      const addedGroups = input.AddSecurityGroupIds ?? [];
      await checkGroups(tables, scope, next.vpcId, addedGroups);
      next.groupIds = [
        ...next.groupIds.filter((id) => !removedGroups.includes(id)),
        ...addedGroups.filter((id) => !next.groupIds.includes(id)),
      ];
      await removeInterfaces(tables, scope, next, input.RemoveSubnetIds ?? []);
      await addInterfaces(
        tables,
        scope,
        next,
        (input.AddSubnetIds ?? []).filter((id) => !next.subnetIds.includes(id)),
      );
      for (const eniId of next.networkInterfaceIds) {
        const eni = await tables.networkInterfaces.get(scope, eniId);
        if (eni) {
          await tables.networkInterfaces.put(scope, eniId, { ...eni, groupIds: next.groupIds });
        }
      }
    }
    await tables.vpcEndpoints.put(scope, next.vpcEndpointId, next);
  });
  return { Return: true };
}

export async function deleteVpcEndpoints(
  deps: Ec2Deps,
  input: DeleteVpcEndpointsRequest,
  ctx: RequestContext,
): Promise<DeleteVpcEndpointsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const unsuccessful: Array<{ ResourceId: string; Error: { Code: string; Message: string } }> = [];
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    for (const id of input.VpcEndpointIds) {
      const record = await tables.vpcEndpoints.get(scope, id);
      if (!record) {
        unsuccessful.push({
          ResourceId: id,
          Error: {
            Code: 'InvalidVpcEndpoint.NotFound',
            Message: `The Vpc Endpoint Id '${id}' does not exist`,
          },
        });
        continue;
      }
      await setGatewayRoutes(tables, scope, record, record.routeTableIds, false);
      for (const eniId of record.networkInterfaceIds) {
        await deleteInterfaceRecord(tables, scope, eniId);
      }
      await tables.vpcEndpoints.delete(scope, id);
    }
  });
  return { Unsuccessful: unsuccessful };
}

export async function describeVpcEndpoints(
  deps: Ec2Deps,
  input: DescribeVpcEndpointsRequest,
  ctx: RequestContext,
): Promise<DescribeVpcEndpointsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const selected = await selectByIds(
    tablesOf(store).vpcEndpoints,
    scope,
    KINDS.vpcEndpoint,
    input.VpcEndpointIds,
  );
  const page = describePage(
    selected,
    {
      idOf: (e) => e.vpcEndpointId,
      filters: {
        'ip-address-type': (e) => e.ipAddressType,
        'service-name': (e) => e.serviceName,
        'service-region': () => scope.region,
        'vpc-id': (e) => e.vpcId,
        'vpc-endpoint-id': (e) => e.vpcEndpointId,
        'vpc-endpoint-state': () => 'available',
        'vpc-endpoint-type': (e) => e.vpcEndpointType,
      },
      tagsOf: (e) => e.tags,
    },
    input.Filters,
    input,
  );
  return {
    VpcEndpoints: page.items.map((e) => endpointOutput(e, scope, 'available')),
    NextToken: page.nextToken,
  };
}
