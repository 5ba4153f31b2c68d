/**
 * Describe operations Terraform and the CLI call for kinds of resources teiki does not
 * create (instances, customer managed prefix lists) and for ClassicLink, which AWS retired. Nothing of these kinds exists, so a list is empty and a
 * named one does not exist; filter names are still checked as AWS checks them, and the
 * ClassicLink views list the VPCs that do exist.
 */
import type { Ec2Deps } from '../deps.js';
import { KINDS, ec2Error } from '../errors.js';
import { invalidFilter } from '../filters.js';
import { toTags } from '../records.js';
import { selectByIds, tablesOf } from '../tables.js';
import type {
  DescribeInstancesRequest,
  DescribeInstancesResult,
  DescribeManagedPrefixListsRequest,
  DescribeManagedPrefixListsResult,
  DescribeVpcClassicLinkDnsSupportRequest,
  DescribeVpcClassicLinkDnsSupportResult,
  DescribeVpcClassicLinkRequest,
  DescribeVpcClassicLinkResult,
  Filter,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describeAll, describePage } from '../describe.js';

/** Refuses a filter name the operation does not know, as AWS does even over no results. */
function checkFilters(filters: Filter[] | undefined, names: string[]): void {
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    if (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value') continue;
    if (!names.includes(name)) throw invalidFilter(name === '' ? 'null' : name);
  }
}

function firstMissing(
  code: string,
  message: (id: string) => string,
  ids: string[] | undefined,
): void {
  const first = ids?.[0];
  if (first !== undefined) throw ec2Error(code, message(first));
}

const INSTANCE_FILTERS = [
  'affinity',
  'architecture',
  'availability-zone',
  'block-device-mapping.attach-time',
  'block-device-mapping.delete-on-termination',
  'block-device-mapping.device-name',
  'block-device-mapping.status',
  'block-device-mapping.volume-id',
  'client-token',
  'dns-name',
  'group-id',
  'group-name',
  'host-id',
  'hypervisor',
  'iam-instance-profile.arn',
  'image-id',
  'instance-id',
  'instance-lifecycle',
  'instance-state-code',
  'instance-state-name',
  'instance-type',
  'instance.group-id',
  'instance.group-name',
  'ip-address',
  'kernel-id',
  'key-name',
  'launch-index',
  'launch-time',
  'monitoring-state',
  'network-interface.subnet-id',
  'network-interface.vpc-id',
  'network-interface.network-interface-id',
  'owner-id',
  'placement-group-name',
  'platform',
  'private-dns-name',
  'private-ip-address',
  'product-code',
  'ramdisk-id',
  'reason',
  'requester-id',
  'reservation-id',
  'root-device-name',
  'root-device-type',
  'source-dest-check',
  'spot-instance-request-id',
  'state-reason-code',
  'state-reason-message',
  'subnet-id',
  'tenancy',
  'virtualization-type',
  'vpc-id',
];

export function describeInstances(
  input: DescribeInstancesRequest,
  _ctx: RequestContext,
): Promise<DescribeInstancesResult> {
  checkFilters(input.Filters, INSTANCE_FILTERS);
  const ids = input.InstanceIds ?? [];
  if (ids.length === 1) {
    throw ec2Error('InvalidInstanceID.NotFound', `The instance ID '${ids[0]}' does not exist`);
  }
  if (ids.length > 1) {
    throw ec2Error(
      'InvalidInstanceID.NotFound',
      `The instance IDs '${ids.join(', ')}' do not exist`,
    );
  }
  return Promise.resolve({ Reservations: [] });
}

export function describeManagedPrefixLists(
  input: DescribeManagedPrefixListsRequest,
  _ctx: RequestContext,
): Promise<DescribeManagedPrefixListsResult> {
  checkFilters(input.Filters, ['owner-id', 'prefix-list-id', 'prefix-list-name']);
  firstMissing(
    'InvalidPrefixListID.NotFound',
    (id) => `The prefix list ID '${id}' does not exist`,
    input.PrefixListIds,
  );
  return Promise.resolve({ PrefixLists: [] });
}

export async function describeVpcClassicLink(
  deps: Ec2Deps,
  input: DescribeVpcClassicLinkRequest,
  ctx: RequestContext,
): Promise<DescribeVpcClassicLinkResult> {
  const { store } = deps;
  const vpcs = await selectByIds(tablesOf(store).vpcs, scopeOf(ctx), KINDS.vpc, input.VpcIds);
  const matching = describeAll(
    vpcs,
    {
      idOf: (v) => v.vpcId,
      filters: { 'is-classic-link-enabled': () => false },
      tagsOf: (v) => v.tags,
    },
    input.Filters,
  );
  return {
    Vpcs: matching.map((v) => ({
      VpcId: v.vpcId,
      ClassicLinkEnabled: false,
      Tags: toTags(v.tags),
    })),
  };
}

export async function describeVpcClassicLinkDnsSupport(
  deps: Ec2Deps,
  input: DescribeVpcClassicLinkDnsSupportRequest,
  ctx: RequestContext,
): Promise<DescribeVpcClassicLinkDnsSupportResult> {
  const { store } = deps;
  const vpcs = await selectByIds(tablesOf(store).vpcs, scopeOf(ctx), KINDS.vpc, input.VpcIds);
  // No filters in this call's model: every named (or existing) VPC, paged.
  const page = describePage(vpcs, { idOf: (v) => v.vpcId, filters: {} }, undefined, input);
  return {
    Vpcs: page.items.map((v) => ({ VpcId: v.vpcId, ClassicLinkDnsSupported: false })),
    NextToken: page.nextToken,
  };
}
