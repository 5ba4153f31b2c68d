/**
 * Routes of a route table: CreateRoute and DeleteRoute, which destinations and targets
 * AWS accepts, and whether a route's target still exists (`active`) or not (`blackhole`).
 */
import type { Scope } from '../../../store/types.js';
import { isIpv6Cidr, parseIpv4Cidr } from '../cidr.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS,
  ec2Error,
  invalidCidrParameter,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from '../errors.js';
import type { RouteRecord, RouteTableRecord } from '../records.js';
import { listAll, mustGet, tablesOf, type Tables } from '../tables.js';
import type {
  CreateRouteRequest,
  CreateRouteResult,
  DeleteRouteRequest,
  ReplaceRouteRequest,
  Route,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';

/** What a route's targets resolve to now: attached gateways, interfaces, live NAT gateways. */
export interface TargetState {
  attachedGateways: Map<string, string>;
  interfaces: Set<string>;
  natGateways: Set<string>;
}

export async function targetState(tables: Tables, scope: Scope): Promise<TargetState> {
  const attachedGateways = new Map<string, string>();
  for (const igw of await listAll(tables.internetGateways, scope)) {
    if (igw.vpcId !== undefined) attachedGateways.set(igw.internetGatewayId, igw.vpcId);
  }
  const interfaces = new Set(
    (await listAll(tables.networkInterfaces, scope)).map((eni) => eni.networkInterfaceId),
  );
  const natGateways = new Set(
    (await listAll(tables.natGateways, scope))
      .filter((nat) => nat.state === 'available')
      .map((nat) => nat.natGatewayId),
  );
  return { attachedGateways, interfaces, natGateways };
}

export function routeState(
  route: RouteRecord,
  vpcId: string,
  state: TargetState,
): 'active' | 'blackhole' {
  if (
    route.gatewayId?.startsWith('igw-') &&
    state.attachedGateways.get(route.gatewayId) !== vpcId
  ) {
    return 'blackhole';
  }
  if (route.networkInterfaceId !== undefined && !state.interfaces.has(route.networkInterfaceId)) {
    return 'blackhole';
  }
  if (route.natGatewayId !== undefined && !state.natGateways.has(route.natGatewayId)) {
    return 'blackhole';
  }
  return 'active';
}

export function routeOutput(route: RouteRecord, vpcId: string, state: TargetState): Route {
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

type Destination = Pick<
  RouteRecord,
  'destinationCidrBlock' | 'destinationIpv6CidrBlock' | 'destinationPrefixListId'
>;

function destinationOf(
  input: CreateRouteRequest | DeleteRouteRequest | ReplaceRouteRequest,
): Destination {
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
    input.NatGatewayId,
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
  if (input.NatGatewayId !== undefined) {
    const nat = await tables.natGateways.get(scope, input.NatGatewayId);
    if (!nat || nat.state !== 'available') {
      throw ec2Error(
        'InvalidNatGatewayID.NotFound',
        `The natGateway ID '${input.NatGatewayId}' does not exist`,
      );
    }
    if (nat.vpcId !== table.vpcId) {
      throw invalidParameterValue(
        `Route table ${table.routeTableId} and NAT gateway ${nat.natGatewayId} belong to different networks`,
      );
    }
    return { natGatewayId: nat.natGatewayId };
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

/** Reads a route table, lets `change` edit it, writes it back, in one transaction. */
async function changeTable(
  store: Ec2Deps['store'],
  scope: Scope,
  routeTableId: string,
  change: (tables: Tables, table: RouteTableRecord) => Promise<void> | void,
): Promise<void> {
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const table = await mustGet(tables.routeTables, scope, KINDS.routeTable, routeTableId);
    await change(tables, table);
    await tables.routeTables.put(scope, table.routeTableId, table);
  });
}

export async function createRoute(
  deps: Ec2Deps,
  input: CreateRouteRequest,
  ctx: RequestContext,
): Promise<CreateRouteResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const destination = destinationOf(input);
  await changeTable(store, scope, input.RouteTableId, async (tables, table) => {
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
  });
  return { Return: true };
}

export async function replaceRoute(
  deps: Ec2Deps,
  input: ReplaceRouteRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.LocalTarget !== undefined) {
    throw invalidParameterValue('teiki does not implement replacing the local route.');
  }
  const destination = destinationOf(input);
  await changeTable(store, scope, input.RouteTableId, async (tables, table) => {
    const route = table.routes.find((r) => sameDestination(r, destination));
    if (!route) {
      throw ec2Error(
        'InvalidParameterValue',
        `There is no route defined for '${destinationText(destination)}' in the route table. Use CreateRoute instead.`,
      );
    }
    const target = await routeTarget(tables, scope, table, input);
    table.routes = table.routes.map((r) =>
      r === route ? { ...destination, ...target, origin: r.origin } : r,
    );
  });
  return {};
}

export async function deleteRoute(
  deps: Ec2Deps,
  input: DeleteRouteRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const destination = destinationOf(input);
  await changeTable(store, scope, input.RouteTableId, (_tables, table) => {
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
  });
  return {};
}
