/**
 * The rules of a network ACL: CreateNetworkAclEntry, ReplaceNetworkAclEntry and
 * DeleteNetworkAclEntry, on any ACL, the default one included. Rule numbers are 1–32766 in
 * each direction (32767 is the `*` rule every ACL ends with, which cannot be changed), at
 * most 20 per direction; a protocol is a number or `-1`, names being taken as their
 * numbers; TCP and UDP rules need a port range, ICMP ones a type and code. A rule is stored
 * as AWS lists it: protocol as its number, ports only where they apply.
 */
import type { Scope } from '../../../store/types.js';
import { isIpv6Cidr, parseIpv4Cidr } from '../cidr.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS,
  ec2Error,
  invalidCidrParameter,
  invalidParameterValue,
  missingParameter,
} from '../errors.js';
import type { NetworkAclEntryRecord, NetworkAclRecord } from '../records.js';
import { mustGet, tablesOf } from '../tables.js';
import { CATCH_ALL_RULE } from '../vpcs/vpc-network.js';
import type {
  CreateNetworkAclEntryRequest,
  DeleteNetworkAclEntryRequest,
  ReplaceNetworkAclEntryRequest,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';

/** AWS's default quota of rules per direction of one ACL. */
export const MAX_RULES_PER_DIRECTION = 20;

const PROTOCOL_NUMBERS: Record<string, string> = {
  all: '-1',
  icmp: '1',
  tcp: '6',
  udp: '17',
  icmpv6: '58',
};

/** The protocol as AWS stores it: a number from 0 to 255, or `-1`. */
function protocolNumber(given: string): string {
  const named = PROTOCOL_NUMBERS[given.toLowerCase()];
  if (named !== undefined) return named;
  if (given === '-1' || (/^\d{1,3}$/.test(given) && Number(given) <= 255)) {
    return String(Number(given));
  }
  throw invalidParameterValue(`Invalid value for parameter protocol: ${given}`);
}

function checkRuleNumber(ruleNumber: number): void {
  if (!Number.isInteger(ruleNumber) || ruleNumber < 1 || ruleNumber >= CATCH_ALL_RULE) {
    throw invalidParameterValue(
      `Value (${ruleNumber}) for parameter ruleNumber is invalid. Valid values: 1-32766.`,
    );
  }
}

function checkPort(name: string, port: number | undefined): number {
  if (port === undefined) throw missingParameter(`The request must contain the parameter ${name}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalidParameterValue(`Value (${port}) for parameter ${name} is invalid.`);
  }
  return port;
}

/** The rule a Create or Replace request describes, checked as AWS checks it. */
export function entryFromRequest(input: CreateNetworkAclEntryRequest): NetworkAclEntryRecord {
  checkRuleNumber(input.RuleNumber);
  const protocol = protocolNumber(input.Protocol);
  if (input.CidrBlock === undefined && input.Ipv6CidrBlock === undefined) {
    throw missingParameter("Either 'cidrBlock' or 'ipv6CidrBlock' should be provided.");
  }
  if (input.CidrBlock !== undefined && input.Ipv6CidrBlock !== undefined) {
    throw ec2Error(
      'InvalidParameterCombination',
      "The parameters 'cidrBlock' and 'ipv6CidrBlock' cannot be used together.",
    );
  }
  const entry: NetworkAclEntryRecord = {
    ruleNumber: input.RuleNumber,
    egress: input.Egress,
    protocol,
    ruleAction: input.RuleAction,
  };
  if (input.CidrBlock !== undefined) {
    const cidr = parseIpv4Cidr(input.CidrBlock);
    if (!cidr || !cidr.aligned) throw invalidCidrParameter('cidrBlock', input.CidrBlock);
    entry.cidrBlock = input.CidrBlock;
  } else if (input.Ipv6CidrBlock !== undefined) {
    if (!isIpv6Cidr(input.Ipv6CidrBlock)) {
      throw invalidCidrParameter('ipv6CidrBlock', input.Ipv6CidrBlock);
    }
    entry.ipv6CidrBlock = input.Ipv6CidrBlock.toLowerCase();
  }
  if (protocol === '6' || protocol === '17') {
    if (!input.PortRange)
      throw missingParameter('The request must contain the parameter portRange');
    const from = checkPort('portRange.from', input.PortRange.From);
    const to = checkPort('portRange.to', input.PortRange.To);
    if (from > to) {
      throw invalidParameterValue(
        `Invalid value for portRange. Must specify a valid fromPort and toPort. Got fromPort: ${from}, toPort: ${to}`,
      );
    }
    entry.portRange = { from, to };
  }
  if (protocol === '1' || protocol === '58') {
    const icmp = input.IcmpTypeCode;
    if (icmp?.Type === undefined || icmp.Code === undefined) {
      throw missingParameter('The request must contain the parameter icmpTypeCode');
    }
    entry.icmpTypeCode = { type: icmp.Type, code: icmp.Code };
  }
  return entry;
}

function sameSlot(a: NetworkAclEntryRecord, egress: boolean, ruleNumber: number): boolean {
  return a.egress === egress && a.ruleNumber === ruleNumber;
}

function entryNotFound(acl: NetworkAclRecord, ruleNumber: number, egress: boolean): Error {
  return ec2Error(
    'InvalidNetworkAclEntry.NotFound',
    `The network acl entry identified by ${ruleNumber} (${egress ? 'egress' : 'ingress'}) does not exist in ${acl.networkAclId}.`,
  );
}

/** Reads the ACL, applies `change` to its rules, writes it back, all in one transaction. */
async function changeEntries(
  deps: Ec2Deps,
  scope: Scope,
  networkAclId: string,
  change: (acl: NetworkAclRecord) => NetworkAclEntryRecord[],
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const acl = await mustGet(tables.networkAcls, scope, KINDS.networkAcl, networkAclId);
    await tables.networkAcls.put(scope, acl.networkAclId, { ...acl, entries: change(acl) });
  });
}

export async function createNetworkAclEntry(
  deps: Ec2Deps,
  input: CreateNetworkAclEntryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const entry = entryFromRequest(input);
  await changeEntries(deps, scopeOf(ctx), input.NetworkAclId, (acl) => {
    if (acl.entries.some((e) => sameSlot(e, entry.egress, entry.ruleNumber))) {
      throw ec2Error(
        'NetworkAclEntryAlreadyExists',
        `The network acl entry identified by ${entry.ruleNumber} already exists.`,
      );
    }
    const sameDirection = acl.entries.filter(
      (e) => e.egress === entry.egress && e.ruleNumber !== CATCH_ALL_RULE,
    );
    if (sameDirection.length >= MAX_RULES_PER_DIRECTION) {
      throw ec2Error(
        'NetworkAclEntryLimitExceeded',
        `The maximum number of network acl entries has been reached.`,
      );
    }
    return [...acl.entries, entry];
  });
  return {};
}

export async function replaceNetworkAclEntry(
  deps: Ec2Deps,
  input: ReplaceNetworkAclEntryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const entry = entryFromRequest(input);
  await changeEntries(deps, scopeOf(ctx), input.NetworkAclId, (acl) => {
    if (!acl.entries.some((e) => sameSlot(e, entry.egress, entry.ruleNumber))) {
      throw entryNotFound(acl, entry.ruleNumber, entry.egress);
    }
    return acl.entries.map((e) => (sameSlot(e, entry.egress, entry.ruleNumber) ? entry : e));
  });
  return {};
}

export async function deleteNetworkAclEntry(
  deps: Ec2Deps,
  input: DeleteNetworkAclEntryRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  checkRuleNumber(input.RuleNumber);
  await changeEntries(deps, scopeOf(ctx), input.NetworkAclId, (acl) => {
    const kept = acl.entries.filter((e) => !sameSlot(e, input.Egress, input.RuleNumber));
    if (kept.length === acl.entries.length) {
      throw entryNotFound(acl, input.RuleNumber, input.Egress);
    }
    return kept;
  });
  return {};
}
