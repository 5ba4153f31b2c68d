/**
 * Route tables: each VPC's main table and the ones created for it (the local route
 * first), and their associations with subnets. Routes themselves are in `routes.ts`.
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS,
  dependencyViolation,
  ec2Error,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from '../errors.js';
import type { FilterSpec } from '../filters.js';
import { newEc2Id } from '../ids.js';
import { toTags, type RouteTableRecord } from '../records.js';
import { routeOutput, routeState, targetState, type TargetState } from './routes.js';
import { listAll, mustGet, selectByIds, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteTableRequest,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  DisassociateRouteTableRequest,
  RouteTable,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

export function routeTableOutput(
  table: RouteTableRecord,
  scope: Scope,
  state: TargetState,
): RouteTable {
  return {
    Associations: table.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.associationId,
      RouteTableId: table.routeTableId,
      ...(a.subnetId !== undefined ? { SubnetId: a.subnetId } : {}),
      ...(a.gatewayId !== undefined ? { GatewayId: a.gatewayId } : {}),
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    RouteTableId: table.routeTableId,
    Routes: table.routes.map((r) => routeOutput(r, table.vpcId, state)),
    Tags: toTags(table.tags),
    VpcId: table.vpcId,
    OwnerId: scope.accountId,
  };
}

function tableFilters(scope: Scope, state: TargetState): FilterSpec<RouteTableRecord> {
  const routes = (t: RouteTableRecord) => t.routes;
  return {
    'route-table-id': (t) => t.routeTableId,
    'vpc-id': (t) => t.vpcId,
    'owner-id': () => scope.accountId,
    'association.main': (t) => t.associations.map((a) => a.main),
    'association.route-table-association-id': (t) => t.associations.map((a) => a.associationId),
    'association.route-table-id': (t) => (t.associations.length > 0 ? t.routeTableId : []),
    'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
    'association.gateway-id': (t) => t.associations.map((a) => a.gatewayId),
    'route.destination-cidr-block': (t) => routes(t).map((r) => r.destinationCidrBlock),
    'route.destination-ipv6-cidr-block': (t) => routes(t).map((r) => r.destinationIpv6CidrBlock),
    'route.destination-prefix-list-id': (t) => routes(t).map((r) => r.destinationPrefixListId),
    'route.gateway-id': (t) => routes(t).map((r) => r.gatewayId),
    'route.nat-gateway-id': (t) => routes(t).map((r) => r.natGatewayId),
    'route.transit-gateway-id': (t) => routes(t).map((r) => r.transitGatewayId),
    'route.vpc-peering-connection-id': (t) => routes(t).map((r) => r.vpcPeeringConnectionId),
    'route.instance-id': (t) => routes(t).map((r) => r.instanceId),
    'route.egress-only-internet-gateway-id': (t) =>
      routes(t).map((r) => r.egressOnlyInternetGatewayId),
    'route.origin': (t) => routes(t).map((r) => r.origin),
    'route.state': (t) => routes(t).map((r) => routeState(r, t.vpcId, state)),
  };
}

export async function createRouteTable(
  deps: Ec2Deps,
  input: CreateRouteTableRequest,
  ctx: RequestContext,
): Promise<CreateRouteTableResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'route-table');
  const table = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    const record: RouteTableRecord = {
      routeTableId: newEc2Id('rtb'),
      vpcId: vpc.vpcId,
      routes: [
        { destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' },
      ],
      associations: [],
      tags,
    };
    await tables.routeTables.put(scope, record.routeTableId, record);
    return record;
  });
  const state = await targetState(tablesOf(store), scope);
  return {
    RouteTable: routeTableOutput(table, scope, state),
    ...(input.ClientToken !== undefined ? { ClientToken: input.ClientToken } : {}),
  };
}

export async function describeRouteTables(
  deps: Ec2Deps,
  input: DescribeRouteTablesRequest,
  ctx: RequestContext,
): Promise<DescribeRouteTablesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const selected = await selectByIds(
    tables.routeTables,
    scope,
    KINDS.routeTable,
    input.RouteTableIds,
  );
  const state = await targetState(tables, scope);
  const page = describePage(
    selected,
    { idOf: (t) => t.routeTableId, filters: tableFilters(scope, state), tagsOf: (t) => t.tags },
    input.Filters,
    input,
  );
  return {
    RouteTables: page.items.map((t) => routeTableOutput(t, scope, state)),
    NextToken: page.nextToken,
  };
}

export async function deleteRouteTable(
  deps: Ec2Deps,
  input: DeleteRouteTableRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const table = await mustGet(tables.routeTables, scope, KINDS.routeTable, input.RouteTableId);
    if (table.associations.length > 0) {
      throw dependencyViolation(
        `The routeTable '${table.routeTableId}' has dependencies and cannot be deleted.`,
      );
    }
    await tables.routeTables.delete(scope, table.routeTableId);
  });
  return {};
}

export async function associateRouteTable(
  deps: Ec2Deps,
  input: AssociateRouteTableRequest,
  ctx: RequestContext,
): Promise<AssociateRouteTableResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.GatewayId !== undefined && input.SubnetId !== undefined) {
    throw invalidParameterCombination(
      'The parameters subnetId and gatewayId cannot be used together',
    );
  }
  if (input.PublicIpv4Pool !== undefined) {
    throw invalidParameterValue('teiki does not implement public IPv4 pools.');
  }
  const associationId = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const table = await mustGet(tables.routeTables, scope, KINDS.routeTable, input.RouteTableId);
    const all = await listAll(tables.routeTables, scope);
    let target: { subnetId: string } | { gatewayId: string };
    if (input.SubnetId !== undefined) {
      const subnet = await mustGet(tables.subnets, scope, KINDS.subnet, input.SubnetId);
      if (subnet.vpcId !== table.vpcId) {
        throw invalidParameterValue(
          `Route table ${table.routeTableId} and subnet ${subnet.subnetId} belong to different networks`,
        );
      }
      target = { subnetId: subnet.subnetId };
    } else if (input.GatewayId !== undefined) {
      const igw = await mustGet(
        tables.internetGateways,
        scope,
        KINDS.internetGateway,
        input.GatewayId,
      );
      if (igw.vpcId !== table.vpcId) {
        throw invalidParameterValue(
          `Route table ${table.routeTableId} and gateway ${igw.internetGatewayId} belong to different networks`,
        );
      }
      target = { gatewayId: igw.internetGatewayId };
    } else {
      throw missingParameter('The request must contain the parameter subnetId or gatewayId');
    }
    const taken = all.some((t) =>
      t.associations.some((a) =>
        'subnetId' in target ? a.subnetId === target.subnetId : a.gatewayId === target.gatewayId,
      ),
    );
    if (taken) {
      throw ec2Error(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${table.routeTableId} conflicts with an existing association`,
      );
    }
    const id = newEc2Id('rtbassoc');
    table.associations.push({ associationId: id, main: false, ...target });
    await tables.routeTables.put(scope, table.routeTableId, table);
    return id;
  });
  return { AssociationId: associationId, AssociationState: { State: 'associated' } };
}

export async function disassociateRouteTable(
  deps: Ec2Deps,
  input: DisassociateRouteTableRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    for (const table of await listAll(tables.routeTables, scope)) {
      const association = table.associations.find((a) => a.associationId === input.AssociationId);
      if (!association) continue;
      if (association.main) {
        throw invalidParameterValue(
          `cannot disassociate the main route table association ${association.associationId}`,
        );
      }
      table.associations = table.associations.filter((a) => a !== association);
      await tables.routeTables.put(scope, table.routeTableId, table);
      return;
    }
    throw ec2Error(
      'InvalidAssociationID.NotFound',
      `The association ID '${input.AssociationId}' does not exist`,
    );
  });
  return {};
}
