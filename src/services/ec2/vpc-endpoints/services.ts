/**
 * The AWS services a VPC endpoint can reach in a region, as DescribeVpcEndpointServices
 * lists them (S3 and DynamoDB as gateways, S3 also as an interface; the services ECS
 * scheduled tasks and their tooling reach as interfaces), and the prefix lists of the
 * gateway services (DescribePrefixLists), which gateway endpoints route to. The prefix lists'
 * ids are derived from the region and service; their CIDRs are a fixed sample of the
 * service's public ranges: nothing routes through them here.
 */
import { ec2Error } from '../errors.js';
import { applyFilters } from '../filters.js';
import { stableEc2Id } from '../ids.js';
import { byId, pageOf } from '../paging.js';
import { zonesOf } from '../account/regions.js';
import type {
  DescribePrefixListsRequest,
  DescribePrefixListsResult,
  DescribeVpcEndpointServicesRequest,
  DescribeVpcEndpointServicesResult,
  PrefixList,
  ServiceDetail,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

export type EndpointKind = 'Gateway' | 'Interface';

interface CatalogEntry {
  /** The part after `com.amazonaws.REGION.`. */
  service: string;
  kinds: EndpointKind[];
}

const CATALOG: CatalogEntry[] = [
  { service: 's3', kinds: ['Gateway', 'Interface'] },
  { service: 'dynamodb', kinds: ['Gateway', 'Interface'] },
  ...[
    'ec2',
    'ec2messages',
    'ecr.api',
    'ecr.dkr',
    'ecs',
    'ecs-agent',
    'ecs-telemetry',
    'elasticloadbalancing',
    'events',
    'execute-api',
    'kms',
    'lambda',
    'logs',
    'monitoring',
    'scheduler',
    'secretsmanager',
    'sns',
    'sqs',
    'ssm',
    'ssmmessages',
    'sts',
  ].map((service) => ({ service, kinds: ['Interface' as const] })),
];

const GATEWAY_CIDRS: Record<string, string[]> = {
  s3: ['16.182.0.0/16', '3.5.0.0/19', '52.216.0.0/15', '54.231.0.0/16'],
  dynamodb: ['3.218.180.0/22', '52.94.0.0/22', '52.119.224.0/20'],
};

export function serviceNameOf(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The kinds of endpoint a service name offers in the region; undefined for no such service. */
export function endpointKinds(region: string, serviceName: string): EndpointKind[] | undefined {
  return CATALOG.find((entry) => serviceNameOf(region, entry.service) === serviceName)?.kinds;
}

/** `logs.us-east-1.amazonaws.com`: the name an interface endpoint's private DNS answers for. */
export function privateDnsNameOf(serviceName: string): string {
  const [, , region, ...service] = serviceName.split('.');
  return `${service.join('.')}.${region ?? ''}.amazonaws.com`;
}

export function serviceNotFound(serviceName: string): Error {
  return ec2Error('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);
}

function details(region: string): ServiceDetail[] {
  const zones = zonesOf(region);
  return CATALOG.flatMap((entry) =>
    entry.kinds.map((kind) => {
      const serviceName = serviceNameOf(region, entry.service);
      const base = `${entry.service}.${region}.${kind === 'Gateway' ? 'amazonaws.com' : 'vpce.amazonaws.com'}`;
      const dnsName = privateDnsNameOf(serviceName);
      const privateDns =
        kind === 'Interface' && entry.service !== 's3' && entry.service !== 'dynamodb';
      return {
        AcceptanceRequired: false,
        AvailabilityZoneIds: zones.map((z) => z.zoneId),
        AvailabilityZones: zones.map((z) => z.zoneName),
        BaseEndpointDnsNames: [base],
        ManagesVpcEndpoints: false,
        Owner: 'amazon',
        ...(privateDns
          ? {
              PrivateDnsName: dnsName,
              PrivateDnsNameVerificationState: 'verified' as const,
              PrivateDnsNames: [{ PrivateDnsName: dnsName }],
            }
          : {}),
        ServiceId: stableEc2Id('vpce-svc', region, entry.service, kind),
        ServiceName: serviceName,
        ServiceRegion: region,
        ServiceType: [{ ServiceType: kind }],
        SupportedIpAddressTypes: ['ipv4'],
        Tags: [],
        VpcEndpointPolicySupported: true,
      } satisfies ServiceDetail;
    }),
  );
}

/** The prefix lists of the region's gateway services. */
export function prefixListsOf(region: string): PrefixList[] {
  return Object.entries(GATEWAY_CIDRS).map(([service, cidrs]) => ({
    Cidrs: cidrs,
    PrefixListId: `pl-${stableEc2Id('pl', region, service).slice(3, 11)}`,
    PrefixListName: serviceNameOf(region, service),
  }));
}

export function describeVpcEndpointServices(
  input: DescribeVpcEndpointServicesRequest,
  ctx: RequestContext,
): Promise<DescribeVpcEndpointServicesResult> {
  const { region } = scopeOf(ctx);
  if (input.ServiceRegions?.some((r) => r !== region)) {
    throw ec2Error(
      'InvalidParameterValue',
      'teiki does not implement cross-region VPC endpoint services.',
    );
  }
  let all = details(region);
  for (const name of input.ServiceNames ?? []) {
    if (!all.some((d) => d.ServiceName === name)) throw serviceNotFound(name);
  }
  if (input.ServiceNames && input.ServiceNames.length > 0) {
    all = all.filter((d) => input.ServiceNames?.includes(d.ServiceName ?? ''));
  }
  const matching = applyFilters(
    all,
    input.Filters,
    {
      owner: (d) => d.Owner,
      'service-name': (d) => d.ServiceName,
      'service-region': (d) => d.ServiceRegion,
      'service-type': (d) => d.ServiceType?.map((t) => t.ServiceType),
      'supported-ip-address-types': (d) => d.SupportedIpAddressTypes,
    },
    (d) => d.Tags ?? [],
  );
  const keyed = matching
    .map((d) => ({ d, key: `${d.ServiceName ?? ''}/${d.ServiceType?.[0]?.ServiceType ?? ''}` }))
    .sort(byId((x) => x.key));
  const page = pageOf(keyed, (x) => x.key, input);
  return Promise.resolve({
    ServiceDetails: page.items.map((x) => x.d),
    ServiceNames: [...new Set(page.items.map((x) => x.d.ServiceName ?? ''))],
    NextToken: page.nextToken,
  });
}

export function describePrefixLists(
  input: DescribePrefixListsRequest,
  ctx: RequestContext,
): Promise<DescribePrefixListsResult> {
  const { region } = scopeOf(ctx);
  const all = prefixListsOf(region);
  for (const id of input.PrefixListIds ?? []) {
    if (!all.some((p) => p.PrefixListId === id)) {
      throw ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
    }
  }
  const selected =
    input.PrefixListIds && input.PrefixListIds.length > 0
      ? all.filter((p) => input.PrefixListIds?.includes(p.PrefixListId ?? ''))
      : all;
  const page = describePage(
    selected,
    {
      idOf: (p) => p.PrefixListId ?? '',
      filters: {
        'prefix-list-id': (p) => p.PrefixListId,
        'prefix-list-name': (p) => p.PrefixListName,
      },
    },
    input.Filters,
    input,
  );
  return Promise.resolve({ PrefixLists: page.items, NextToken: page.nextToken });
}
