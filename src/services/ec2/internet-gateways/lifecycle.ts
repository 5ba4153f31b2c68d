/**
 * Internet gateways: created detached, attached to at most one VPC (a VPC takes at most
 * one), deleted only once detached. AWS reports an attached gateway's attachment state as
 * `available`.
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS,
  dependencyViolation,
  ec2Error,
  invalidParameterValue,
  notFound,
} from '../errors.js';

import { newEc2Id } from '../ids.js';
import { toTags, type InternetGatewayRecord } from '../records.js';
import { listAll, mustGet, selectByIds, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  AttachInternetGatewayRequest,
  AttachmentStatus,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  DeleteInternetGatewayRequest,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DetachInternetGatewayRequest,
  InternetGateway,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** What AWS answers for an attached gateway, though the model's enum lacks it. */
const ATTACHED = 'available' as string as AttachmentStatus;

function gatewayOutput(igw: InternetGatewayRecord, scope: Scope): InternetGateway {
  return {
    Attachments: igw.vpcId === undefined ? [] : [{ State: ATTACHED, VpcId: igw.vpcId }],
    InternetGatewayId: igw.internetGatewayId,
    OwnerId: scope.accountId,
    Tags: toTags(igw.tags),
  };
}

export async function createInternetGateway(
  deps: Ec2Deps,
  input: CreateInternetGatewayRequest,
  ctx: RequestContext,
): Promise<CreateInternetGatewayResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const record: InternetGatewayRecord = {
    internetGatewayId: newEc2Id('igw'),
    tags: tagsFromSpecifications(input.TagSpecifications, 'internet-gateway'),
  };
  await tablesOf(store).internetGateways.put(scope, record.internetGatewayId, record);
  return { InternetGateway: gatewayOutput(record, scope) };
}

export async function describeInternetGateways(
  deps: Ec2Deps,
  input: DescribeInternetGatewaysRequest,
  ctx: RequestContext,
): Promise<DescribeInternetGatewaysResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const selected = await selectByIds(
    tablesOf(store).internetGateways,
    scope,
    KINDS.internetGateway,
    input.InternetGatewayIds,
  );
  const page = describePage(
    selected,
    {
      idOf: (g) => g.internetGatewayId,
      filters: {
        'internet-gateway-id': (g) => g.internetGatewayId,
        'attachment.vpc-id': (g) => g.vpcId,
        'attachment.state': (g) => (g.vpcId === undefined ? undefined : 'available'),
        'owner-id': () => scope.accountId,
      },
      tagsOf: (g) => g.tags,
    },
    input.Filters,
    input,
  );
  return {
    InternetGateways: page.items.map((g) => gatewayOutput(g, scope)),
    NextToken: page.nextToken,
  };
}

export async function attachInternetGateway(
  deps: Ec2Deps,
  input: AttachInternetGatewayRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const igw = await mustGet(
      tables.internetGateways,
      scope,
      KINDS.internetGateway,
      input.InternetGatewayId,
    );
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    if (igw.vpcId !== undefined) {
      throw ec2Error(
        'Resource.AlreadyAssociated',
        `resource ${igw.internetGatewayId} is already attached to network ${igw.vpcId}`,
      );
    }
    const gateways = await listAll(tables.internetGateways, scope);
    if (gateways.some((g) => g.vpcId === vpc.vpcId)) {
      throw invalidParameterValue(`Network ${vpc.vpcId} already has an internet gateway attached`);
    }
    await tables.internetGateways.put(scope, igw.internetGatewayId, {
      ...igw,
      vpcId: vpc.vpcId,
    });
  });
  return {};
}

export async function detachInternetGateway(
  deps: Ec2Deps,
  input: DetachInternetGatewayRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const igw = await mustGet(
      tables.internetGateways,
      scope,
      KINDS.internetGateway,
      input.InternetGatewayId,
    );
    if (igw.vpcId !== input.VpcId) {
      if (!(await tables.vpcs.get(scope, input.VpcId))) {
        throw notFound(KINDS.vpc, [input.VpcId]);
      }
      throw ec2Error(
        'Gateway.NotAttached',
        `resource ${igw.internetGatewayId} is not attached to network ${input.VpcId}`,
      );
    }
    // Elastic IPs mapped to interfaces of the VPC (a NAT gateway's) need the gateway.
    const interfaces = new Set(
      (await listAll(tables.networkInterfaces, scope))
        .filter((eni) => eni.vpcId === igw.vpcId)
        .map((eni) => eni.networkInterfaceId),
    );
    const mapped = (await listAll(tables.addresses, scope)).some(
      (a) => a.association !== undefined && interfaces.has(a.association.networkInterfaceId),
    );
    if (mapped) {
      throw dependencyViolation(
        `Network ${input.VpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
      );
    }
    const { vpcId: _detached, ...rest } = igw;
    await tables.internetGateways.put(scope, igw.internetGatewayId, rest);
  });
  return {};
}

export async function deleteInternetGateway(
  deps: Ec2Deps,
  input: DeleteInternetGatewayRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const igw = await mustGet(
      tables.internetGateways,
      scope,
      KINDS.internetGateway,
      input.InternetGatewayId,
    );
    if (igw.vpcId !== undefined) {
      throw dependencyViolation(
        `The internetGateway '${igw.internetGatewayId}' has dependencies and cannot be deleted.`,
      );
    }
    await tables.internetGateways.delete(scope, igw.internetGatewayId);
  });
  return {};
}
