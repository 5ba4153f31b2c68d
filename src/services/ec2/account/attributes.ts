/**
 * The account and the map of AWS: DescribeAccountAttributes (VPC-only platforms, the
 * default VPC of the region), DescribeRegions and DescribeAvailabilityZones.
 */
import type { Ec2Deps } from '../deps.js';
import { invalidParameterValue } from '../errors.js';
import { applyFilters } from '../filters.js';
import { REGIONS, zonesOf, type RegionInfo } from './regions.js';
import { listAll, tablesOf } from '../tables.js';
import type {
  AccountAttribute,
  AvailabilityZone,
  DescribeAccountAttributesRequest,
  DescribeAccountAttributesResult,
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  Region,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';

function attribute(name: string, ...values: string[]): AccountAttribute {
  return { AttributeName: name, AttributeValues: values.map((v) => ({ AttributeValue: v })) };
}

function optInStatus(region: RegionInfo, current: string): string {
  if (!region.optIn) return 'opt-in-not-required';
  // A request signed for an opt-in region means the account has enabled it.
  return region.name === current ? 'opted-in' : 'not-opted-in';
}

export async function describeAccountAttributes(
  deps: Ec2Deps,
  input: DescribeAccountAttributesRequest,
  ctx: RequestContext,
): Promise<DescribeAccountAttributesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const defaultVpc = (await listAll(tablesOf(store).vpcs, scope)).find((v) => v.isDefault);
  const all = [
    attribute('vpc-max-security-groups-per-interface', '5'),
    attribute('max-instances', '20'),
    attribute('supported-platforms', 'VPC'),
    attribute('default-vpc', defaultVpc?.vpcId ?? 'none'),
    attribute('max-elastic-ips', '5'),
    attribute('vpc-max-elastic-ips', '5'),
  ];
  const names = input.AttributeNames ?? [];
  return {
    AccountAttributes:
      names.length === 0 ? all : all.filter((a) => names.includes(a.AttributeName as never)),
  };
}

export function describeRegions(
  input: DescribeRegionsRequest,
  ctx: RequestContext,
): Promise<DescribeRegionsResult> {
  const names = input.RegionNames ?? [];
  for (const name of names) {
    if (!REGIONS.some((r) => r.name === name)) {
      throw invalidParameterValue(`Invalid region: ${name}`);
    }
  }
  const regions: Array<Region & { OptInStatus: string }> = REGIONS.map((r) => ({
    Endpoint: `ec2.${r.name}.amazonaws.com`,
    RegionName: r.name,
    OptInStatus: optInStatus(r, ctx.region),
  }))
    .filter(
      (r) => input.AllRegions === true || names.length > 0 || r.OptInStatus !== 'not-opted-in',
    )
    .filter((r) => names.length === 0 || names.includes(r.RegionName));
  const matching = applyFilters(regions, input.Filters, {
    endpoint: (r) => r.Endpoint,
    'region-name': (r) => r.RegionName,
    'opt-in-status': (r) => r.OptInStatus,
  });
  return Promise.resolve({ Regions: matching });
}

export function describeAvailabilityZones(
  input: DescribeAvailabilityZonesRequest,
  ctx: RequestContext,
): Promise<DescribeAvailabilityZonesResult> {
  const zones: AvailabilityZone[] = zonesOf(ctx.region).map((z) => ({
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    RegionName: z.regionName,
    ZoneName: z.zoneName,
    ZoneId: z.zoneId,
    GroupName: z.regionName,
    NetworkBorderGroup: z.regionName,
    ZoneType: 'availability-zone',
    State: 'available',
  }));
  for (const name of input.ZoneNames ?? []) {
    if (!zones.some((z) => z.ZoneName === name)) {
      throw invalidParameterValue(`Invalid availability zone: [${name}]`);
    }
  }
  for (const id of input.ZoneIds ?? []) {
    if (!zones.some((z) => z.ZoneId === id)) {
      throw invalidParameterValue(`Invalid availability zone id: [${id}]`);
    }
  }
  const byName = input.ZoneNames ?? [];
  const byId = input.ZoneIds ?? [];
  const selected = zones.filter(
    (z) =>
      (byName.length === 0 && byId.length === 0) ||
      byName.includes(z.ZoneName ?? '') ||
      byId.includes(z.ZoneId ?? ''),
  );
  const matching = applyFilters(selected, input.Filters, {
    'zone-name': (z) => z.ZoneName,
    'zone-id': (z) => z.ZoneId,
    'region-name': (z) => z.RegionName,
    state: (z) => z.State,
    'group-name': (z) => z.GroupName,
    'network-border-group': (z) => z.NetworkBorderGroup,
    'opt-in-status': (z) => z.OptInStatus,
    'zone-type': (z) => z.ZoneType,
    message: () => [],
    'parent-zone-id': () => [],
    'parent-zone-name': () => [],
  });
  return Promise.resolve({ AvailabilityZones: matching });
}
