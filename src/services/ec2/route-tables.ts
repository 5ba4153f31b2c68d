/**
 * Route tables: each VPC's main table and the ones created for it, their routes (the
 * local route first), and their associations with subnets. A route whose target is gone
 * (an internet gateway detached from the VPC, a deleted interface) shows as `blackhole`.
 */
import type { Scope } from '../../store/types.js';
import type { OperationTable } from '../operation.js';
import { isIpv6Cidr, parseIpv4Cidr } from './cidr.js';
import type { Ec2Deps } from './deps.js';
import {
  KINDS,
  dependencyViolation,
  ec2Error,
  invalidCidrParameter,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from './errors.js';
import { applyFilters, type FilterSpec } from './filters.js';
import type {
  CreateRouteRequest,
  DeleteRouteRequest,
  Ec2Operations,
  Route,
  RouteTable,
} from './generated/types.js';
import { newEc2Id } from './ids.js';
import { byId, pageOf } from './paging.js';
import { toTags, type RouteRecord, type RouteTableRecord } from './records.js';
import { listAll, mustGet, scopeOf, selectByIds, tablesOf, type Tables } from './tables.js';
import { tagsFromSpecifications } from './tags.js';

/** What a route's targets resolve to now: attached gateways and existing interfaces. */
interface TargetState {
  attachedGateways: Map<string, string>;
  interfaces: Set<string>;
}

async function targetState(tables: Tables, scope: Scope): Promise<TargetState> {
  const attachedGateways = new Map<string, string>();
  for (const igw of await listAll(tables.internetGateways, scope)) {
    if (igw.vpcId !== undefined) attachedGateways.set(igw.internetGatewayId, igw.vpcId);
  }
  const interfaces = new Set(
    (await listAll(tables.networkInterfaces, scope)).map((eni) => eni.networkInterfaceId),
  );
  return { attachedGateways, interfaces };
}

function routeState(route: RouteRecord, vpcId: string, state: TargetState): 'active' | 'blackhole' {
  if (
    route.gatewayId?.startsWith('igw-') &&
    state.attachedGateways.get(route.gatewayId) !== vpcId
  ) {
    return 'blackhole';
  }
  if (route.networkInterfaceId !== undefined && !state.interfaces.has(route.networkInterfaceId)) {
    return 'blackhole';
  }
  return 'active';
}

function routeOutput(route: RouteRecord, vpcId: string, state: TargetState): Route {
  return {
    DestinationCidrBlock: route.destinationCidrBlock,
    DestinationIpv6CidrBlock: route.destinationIpv6CidrBlock,
    DestinationPrefixListId: route.destinationPrefixListId,
    GatewayId: route.gatewayId,
    NatGatewayId: route.natGatewayId,
    NetworkInterfaceId: route.networkInterfaceId,
    VpcPeeringConnectionId: route.vpcPeeringConnectionId,
    TransitGatewayId: route.transitGatewayId,
    EgressOnlyInternetGatewayId: route.egressOnlyInternetGatewayId,
    InstanceId: route.instanceId,
    CarrierGatewayId: route.carrierGatewayId,
    LocalGatewayId: route.localGatewayId,
    Origin: route.origin,
    State: routeState(route, vpcId, state),
  };
}

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

type Destination = Pick<
  RouteRecord,
  'destinationCidrBlock' | 'destinationIpv6CidrBlock' | 'destinationPrefixListId'
>;

function destinationOf(input: CreateRouteRequest | DeleteRouteRequest): Destination {
  const given = [
    input.DestinationCidrBlock,
    input.DestinationIpv6CidrBlock,
    input.DestinationPrefixListId,
  ].filter((v) => v !== undefined);
  if (given.length === 0) {
    throw missingParameter(
      'The request must contain exactly one of destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId',
    );
  }
  if (given.length > 1) {
    throw invalidParameterCombination(
      'The parameters destinationCidrBlock, destinationIpv6CidrBlock and destinationPrefixListId cannot be used together',
    );
  }
  if (input.DestinationCidrBlock !== undefined) {
    const cidr = parseIpv4Cidr(input.DestinationCidrBlock);
    if (!cidr || !cidr.aligned) {
      throw invalidCidrParameter('destinationCidrBlock', input.DestinationCidrBlock);
    }
    return { destinationCidrBlock: input.DestinationCidrBlock };
  }
  if (input.DestinationIpv6CidrBlock !== undefined) {
    if (!isIpv6Cidr(input.DestinationIpv6CidrBlock)) {
      throw invalidCidrParameter('destinationIpv6CidrBlock', input.DestinationIpv6CidrBlock);
    }
    return { destinationIpv6CidrBlock: input.DestinationIpv6CidrBlock.toLowerCase() };
  }
  return { destinationPrefixListId: input.DestinationPrefixListId };
}

function destinationText(d: Destination): string {
  return d.destinationCidrBlock ?? d.destinationIpv6CidrBlock ?? d.destinationPrefixListId ?? '';
}

function sameDestination(a: Destination, b: Destination): boolean {
  return (
    a.destinationCidrBlock === b.destinationCidrBlock &&
    a.destinationIpv6CidrBlock === b.destinationIpv6CidrBlock &&
    a.destinationPrefixListId === b.destinationPrefixListId
  );
}

/** Targets teiki has no resources of: naming one names one that does not exist. */
const ABSENT_TARGETS: Array<[keyof CreateRouteRequest, string, string]> = [
  ['NatGatewayId', 'InvalidNatGatewayID.NotFound', 'natGateway'],
  ['VpcPeeringConnectionId', 'InvalidVpcPeeringConnectionID.NotFound', 'vpcPeeringConnection'],
  ['TransitGatewayId', 'InvalidTransitGatewayID.NotFound', 'transitGateway'],
  ['InstanceId', 'InvalidInstanceID.NotFound', 'instance'],
  ['EgressOnlyInternetGatewayId', 'InvalidGatewayID.NotFound', 'egressOnlyInternetGateway'],
  ['VpcEndpointId', 'InvalidVpcEndpointId.NotFound', 'vpcEndpoint'],
  ['CarrierGatewayId', 'InvalidCarrierGatewayID.NotFound', 'carrierGateway'],
  ['LocalGatewayId', 'InvalidLocalGatewayID.NotFound', 'localGateway'],
  ['CoreNetworkArn', 'InvalidCoreNetworkArn.NotFound', 'coreNetwork'],
  ['OdbNetworkArn', 'InvalidOdbNetworkArn.NotFound', 'odbNetwork'],
];

async function routeTarget(
  tables: Tables,
  scope: Scope,
  table: RouteTableRecord,
  input: CreateRouteRequest,
): Promise<Partial<RouteRecord>> {
  const targets = [
    input.GatewayId,
    input.NetworkInterfaceId,
    ...ABSENT_TARGETS.map(([field]) => input[field]),
  ].filter((v) => v !== undefined);
  if (targets.length === 0) {
    throw missingParameter(
      'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, transitGatewayId, instanceId, egressOnlyInternetGatewayId, vpcEndpointId, carrierGatewayId, localGatewayId or coreNetworkArn',
    );
  }
  if (targets.length > 1) {
    throw invalidParameterCombination('More than one target specified for the route.');
  }
  for (const [field, code, noun] of ABSENT_TARGETS) {
    const value = input[field];
    if (typeof value === 'string') {
      throw ec2Error(code, `The ${noun} ID '${value}' does not exist`);
    }
  }
  if (input.NetworkInterfaceId !== undefined) {
    const eni = await mustGet(
      tables.networkInterfaces,
      scope,
      KINDS.networkInterface,
      input.NetworkInterfaceId,
    );
    if (eni.vpcId !== table.vpcId) {
      throw invalidParameterValue(
        `Route table ${table.routeTableId} and interface ${eni.networkInterfaceId} belong to different networks`,
      );
    }
    return { networkInterfaceId: eni.networkInterfaceId };
  }
  const gatewayId = input.GatewayId ?? '';
  if (!gatewayId.startsWith('igw-')) {
    throw ec2Error('InvalidGatewayID.NotFound', `The gateway ID '${gatewayId}' does not exist`);
  }
  const igw = await mustGet(tables.internetGateways, scope, KINDS.internetGateway, gatewayId);
  if (igw.vpcId !== table.vpcId) {
    throw invalidParameterValue(
      `route table ${table.routeTableId} and network gateway ${gatewayId} belong to different networks`,
    );
  }
  return { gatewayId };
}

export function createRouteTableOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  const { store } = deps;
  return {
    async CreateRouteTable(input, ctx) {
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
    },

    async DescribeRouteTables(input, ctx) {
      const scope = scopeOf(ctx);
      const tables = tablesOf(store);
      const selected = await selectByIds(
        tables.routeTables,
        scope,
        KINDS.routeTable,
        input.RouteTableIds,
      );
      const state = await targetState(tables, scope);
      const matching = applyFilters(
        selected,
        input.Filters,
        tableFilters(scope, state),
        (t) => t.tags,
      ).sort(byId((t) => t.routeTableId));
      const page = pageOf(matching, (t) => t.routeTableId, input);
      return {
        RouteTables: page.items.map((t) => routeTableOutput(t, scope, state)),
        NextToken: page.nextToken,
      };
    },

    async DeleteRouteTable(input, ctx) {
      const scope = scopeOf(ctx);
      await store.transaction(async (tx) => {
        const tables = tablesOf(tx);
        const table = await mustGet(
          tables.routeTables,
          scope,
          KINDS.routeTable,
          input.RouteTableId,
        );
        if (table.associations.length > 0) {
          throw dependencyViolation(
            `The routeTable '${table.routeTableId}' has dependencies and cannot be deleted.`,
          );
        }
        await tables.routeTables.delete(scope, table.routeTableId);
      });
      return {};
    },

    async AssociateRouteTable(input, ctx) {
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
        const table = await mustGet(
          tables.routeTables,
          scope,
          KINDS.routeTable,
          input.RouteTableId,
        );
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
            'subnetId' in target
              ? a.subnetId === target.subnetId
              : a.gatewayId === target.gatewayId,
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
    },

    async DisassociateRouteTable(input, ctx) {
      const scope = scopeOf(ctx);
      await store.transaction(async (tx) => {
        const tables = tablesOf(tx);
        for (const table of await listAll(tables.routeTables, scope)) {
          const association = table.associations.find(
            (a) => a.associationId === input.AssociationId,
          );
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
    },

    async CreateRoute(input, ctx) {
      const scope = scopeOf(ctx);
      const destination = destinationOf(input);
      await store.transaction(async (tx) => {
        const tables = tablesOf(tx);
        const table = await mustGet(
          tables.routeTables,
          scope,
          KINDS.routeTable,
          input.RouteTableId,
        );
        if (destination.destinationPrefixListId !== undefined) {
          throw invalidParameterValue(
            `The prefix list ID '${destination.destinationPrefixListId}' does not exist`,
          );
        }
        if (table.routes.some((r) => sameDestination(r, destination))) {
          throw ec2Error(
            'RouteAlreadyExists',
            `The route identified by ${destinationText(destination)} already exists.`,
          );
        }
        const target = await routeTarget(tables, scope, table, input);
        table.routes.push({ ...destination, ...target, origin: 'CreateRoute' });
        await tables.routeTables.put(scope, table.routeTableId, table);
      });
      return { Return: true };
    },

    async DeleteRoute(input, ctx) {
      const scope = scopeOf(ctx);
      const destination = destinationOf(input);
      await store.transaction(async (tx) => {
        const tables = tablesOf(tx);
        const table = await mustGet(
          tables.routeTables,
          scope,
          KINDS.routeTable,
          input.RouteTableId,
        );
        const route = table.routes.find((r) => sameDestination(r, destination));
        if (!route) {
          const kind =
            destination.destinationCidrBlock !== undefined
              ? 'destination-cidr-block'
              : destination.destinationIpv6CidrBlock !== undefined
                ? 'destination-ipv6-cidr-block'
                : 'destination-prefix-list-id';
          throw ec2Error(
            'InvalidRoute.NotFound',
            `no route with ${kind} ${destinationText(destination)} in route table ${table.routeTableId}`,
          );
        }
        if (route.gatewayId === 'local') {
          throw invalidParameterValue(
            `cannot remove local route ${destinationText(destination)} in route table ${table.routeTableId}`,
          );
        }
        table.routes = table.routes.filter((r) => r !== route);
        await tables.routeTables.put(scope, table.routeTableId, table);
      });
      return {};
    },
  };
}
