/**
 * DHCP options sets: the region's default one (`domain-name`, `AmazonProvidedDNS`) and the
 * sets an account creates; AssociateDhcpOptions gives a VPC a set, or `default` for none,
 * as AWS words it; a set a VPC uses cannot be deleted.
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS, dependencyViolation, invalidParameterValue, missingParameter } from '../errors.js';
import { newEc2Id } from '../ids.js';
import { toTags, type DhcpOptionsRecord } from '../records.js';
import { listAll, mustGet, selectByIds, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  AssociateDhcpOptionsRequest,
  CreateDhcpOptionsRequest,
  CreateDhcpOptionsResult,
  DeleteDhcpOptionsRequest,
  DescribeDhcpOptionsRequest,
  DescribeDhcpOptionsResult,
  DhcpOptions,
  NewDhcpConfiguration,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** The options AWS accepts in a set, each at most once. */
const KEYS = [
  'domain-name',
  'domain-name-servers',
  'ntp-servers',
  'netbios-name-servers',
  'netbios-node-type',
  'ipv6-address-preferred-lease-time',
];

/** What a VPC says it uses when it has no DHCP options set. */
export const NO_DHCP_OPTIONS = 'default';

export function dhcpOutput(options: DhcpOptionsRecord, scope: Scope): DhcpOptions {
  return {
    DhcpConfigurations: options.configurations.map((c) => ({
      Key: c.key,
      Values: c.values.map((value) => ({ Value: value })),
    })),
    DhcpOptionsId: options.dhcpOptionsId,
    OwnerId: scope.accountId,
    Tags: toTags(options.tags),
  };
}

function configurationsOf(given: NewDhcpConfiguration[]): DhcpOptionsRecord['configurations'] {
  const out: DhcpOptionsRecord['configurations'] = [];
  for (const item of given) {
    const key = item.Key ?? '';
    if (!KEYS.includes(key)) {
      throw invalidParameterValue(`Value (${key}) for parameter key is invalid. Unknown key`);
    }
    if (out.some((c) => c.key === key)) {
      throw invalidParameterValue(`Value (${key}) for parameter key is invalid. Duplicate key`);
    }
    const values = item.Values ?? [];
    if (values.length === 0) {
      throw missingParameter(`The request must contain the parameter ${key} value`);
    }
    out.push({ key, values });
  }
  return out;
}

export async function createDhcpOptions(
  deps: Ec2Deps,
  input: CreateDhcpOptionsRequest,
  ctx: RequestContext,
): Promise<CreateDhcpOptionsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const record: DhcpOptionsRecord = {
    dhcpOptionsId: newEc2Id('dopt'),
    configurations: configurationsOf(input.DhcpConfigurations),
    tags: tagsFromSpecifications(input.TagSpecifications, 'dhcp-options'),
  };
  await tablesOf(store).dhcpOptions.put(scope, record.dhcpOptionsId, record);
  return { DhcpOptions: dhcpOutput(record, scope) };
}

export async function associateDhcpOptions(
  deps: Ec2Deps,
  input: AssociateDhcpOptionsRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    if (input.DhcpOptionsId !== NO_DHCP_OPTIONS) {
      await mustGet(tables.dhcpOptions, scope, KINDS.dhcpOptions, input.DhcpOptionsId);
    }
    await tables.vpcs.put(scope, vpc.vpcId, { ...vpc, dhcpOptionsId: input.DhcpOptionsId });
  });
  return {};
}

export async function deleteDhcpOptions(
  deps: Ec2Deps,
  input: DeleteDhcpOptionsRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const options = await mustGet(
      tables.dhcpOptions,
      scope,
      KINDS.dhcpOptions,
      input.DhcpOptionsId,
    );
    const vpcs = await listAll(tables.vpcs, scope);
    if (vpcs.some((v) => v.dhcpOptionsId === options.dhcpOptionsId)) {
      throw dependencyViolation(
        `The dhcpOptions '${options.dhcpOptionsId}' has dependencies and cannot be deleted.`,
      );
    }
    await tables.dhcpOptions.delete(scope, options.dhcpOptionsId);
  });
  return {};
}

export async function describeDhcpOptions(
  deps: Ec2Deps,
  input: DescribeDhcpOptionsRequest,
  ctx: RequestContext,
): Promise<DescribeDhcpOptionsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const selected = await selectByIds(
    tablesOf(store).dhcpOptions,
    scope,
    KINDS.dhcpOptions,
    input.DhcpOptionsIds,
  );
  const page = describePage(
    selected,
    {
      idOf: (d) => d.dhcpOptionsId,
      filters: {
        'dhcp-options-id': (d) => d.dhcpOptionsId,
        key: (d) => d.configurations.map((c) => c.key),
        value: (d) => d.configurations.flatMap((c) => c.values),
        'owner-id': () => scope.accountId,
      },
      tagsOf: (d) => d.tags,
    },
    input.Filters,
    input,
  );
  return {
    DhcpOptions: page.items.map((d) => dhcpOutput(d, scope)),
    NextToken: page.nextToken,
  };
}
