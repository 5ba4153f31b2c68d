/**
 * Security group rules: from the request's IpPermissions (or the old top-level CidrIp /
 * SourceSecurityGroupName form) to one rule per peer, AWS's protocol and port checks, the
 * identity two rules share when they are "the same rule", and back to the shapes AWS
 * answers with (IpPermissions grouped by protocol and ports; SecurityGroupRules one each).
 */
import type { Scope } from '../../../store/types.js';
import { isIpv6Cidr, parseIpv4Cidr } from '../cidr.js';
import { invalidParameterValue, missingParameter } from '../errors.js';
import type { IpPermission, SecurityGroupRule } from '../generated/types.js';
import type { RulePeer, SecurityGroupRuleRecord } from '../records.js';

/** A rule as requested, before it has an id. */
export type RuleSpec = Omit<SecurityGroupRuleRecord, 'ruleId' | 'tags'>;

/** A group named by a rule's UserIdGroupPairs, resolved by the caller. */
export type GroupResolver = (pair: {
  GroupId?: string;
  GroupName?: string;
  UserId?: string;
}) => string;

const NAMED_PROTOCOLS: Record<string, string> = {
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
  '-1': '-1',
};

export function normalizeProtocol(protocol: string | undefined): string {
  if (protocol === undefined || protocol === '') {
    throw invalidParameterValue(
      "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.",
    );
  }
  const lower = protocol.toLowerCase();
  const named = NAMED_PROTOCOLS[lower];
  if (named) return named;
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return String(Number(lower));
  throw invalidParameterValue(`Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
}

function hasPorts(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp';
}

function isIcmp(protocol: string): boolean {
  return protocol === 'icmp' || protocol === 'icmpv6';
}

function portRange(protocol: string, from?: number, to?: number): [number, number] {
  if (hasPorts(protocol)) {
    if (from === undefined || to === undefined) {
      throw invalidParameterValue(
        "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
      );
    }
    if (from < 0 || to > 65535 || from > to) {
      throw invalidParameterValue(
        `Invalid value 'Invalid TCP/UDP port range (${from} - ${to}).' for portRange`,
      );
    }
    return [from, to];
  }
  if (isIcmp(protocol)) {
    if (from === undefined || to === undefined) {
      throw invalidParameterValue(
        "Invalid value 'Must specify both from and to ports with ICMP.' for portRange",
      );
    }
    if (from < -1 || from > 255 || to < -1 || to > 255) {
      throw invalidParameterValue(
        `Invalid value 'Invalid ICMP type or code (${from}, ${to}).' for portRange`,
      );
    }
    return [from, to];
  }
  // All traffic, and protocols without ports: whatever ports were sent mean nothing.
  return [-1, -1];
}

const DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;

export function checkRuleDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  if ([...description].length > 255 || !DESCRIPTION.test(description)) {
    throw invalidParameterValue(
      'Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*',
    );
  }
  return description;
}

function malformedCidr(cidr: string | undefined): Error {
  return invalidParameterValue(`CIDR block ${cidr ?? 'null'} is malformed`);
}

/** One rule per peer of every permission, in request order. */
export function rulesFromPermissions(
  permissions: IpPermission[],
  accountId: string,
  resolveGroup: GroupResolver,
  prefixListExists: (id: string) => boolean,
): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const permission of permissions) {
    const protocol = normalizeProtocol(permission.IpProtocol);
    const [fromPort, toPort] = portRange(protocol, permission.FromPort, permission.ToPort);
    const add = (peer: RulePeer, description: string | undefined) => {
      const checked = checkRuleDescription(description);
      rules.push({
        protocol,
        fromPort,
        toPort,
        peer,
        ...(checked !== undefined ? { description: checked } : {}),
      });
    };
    for (const range of permission.IpRanges ?? []) {
      const cidr = range.CidrIp === undefined ? undefined : parseIpv4Cidr(range.CidrIp);
      if (!cidr || !cidr.aligned || range.CidrIp === undefined) throw malformedCidr(range.CidrIp);
      add({ cidrIpv4: range.CidrIp }, range.Description);
    }
    for (const range of permission.Ipv6Ranges ?? []) {
      if (range.CidrIpv6 === undefined || !isIpv6Cidr(range.CidrIpv6)) {
        throw malformedCidr(range.CidrIpv6);
      }
      add({ cidrIpv6: range.CidrIpv6.toLowerCase() }, range.Description);
    }
    for (const entry of permission.PrefixListIds ?? []) {
      const id = entry.PrefixListId;
      if (id === undefined)
        throw missingParameter('The request must contain the parameter prefixListId');
      if (!prefixListExists(id)) {
        throw invalidParameterValue(`The prefix list ID '${id}' does not exist`);
      }
      add({ prefixListId: id }, entry.Description);
    }
    for (const pair of permission.UserIdGroupPairs ?? []) {
      const groupId = resolveGroup(pair);
      add({ groupId, userId: pair.UserId ?? accountId }, pair.Description);
    }
  }
  return rules;
}

function peerKey(peer: RulePeer): string {
  if ('cidrIpv4' in peer) return `v4:${peer.cidrIpv4}`;
  if ('cidrIpv6' in peer) return `v6:${peer.cidrIpv6}`;
  if ('prefixListId' in peer) return `pl:${peer.prefixListId}`;
  return `sg:${peer.groupId}`;
}

/** Two rules are the same rule when protocol, ports and peer agree (not the description). */
export function ruleKey(rule: Pick<RuleSpec, 'protocol' | 'fromPort' | 'toPort' | 'peer'>): string {
  return `${rule.protocol}|${rule.fromPort}|${rule.toPort}|${peerKey(rule.peer)}`;
}

function peerText(peer: RulePeer): string {
  if ('cidrIpv4' in peer) return peer.cidrIpv4;
  if ('cidrIpv6' in peer) return peer.cidrIpv6;
  if ('prefixListId' in peer) return peer.prefixListId;
  return peer.groupId;
}

/** `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`, as AWS names a rule. */
export function describeRule(rule: RuleSpec): string {
  const parts = [`peer: ${peerText(rule.peer)}`];
  if (rule.protocol === '-1') parts.push('ALL');
  else parts.push(rule.protocol.toUpperCase());
  if (hasPorts(rule.protocol)) {
    parts.push(`from port: ${rule.fromPort}`, `to port: ${rule.toPort}`);
  } else if (isIcmp(rule.protocol)) {
    parts.push(`type: ${rule.fromPort}`, `code: ${rule.toPort}`);
  }
  parts.push('ALLOW');
  return parts.join(', ');
}

/** Rules grouped into IpPermissions by protocol and ports, in order of first appearance. */
export function permissionsOf(rules: SecurityGroupRuleRecord[]): IpPermission[] {
  const groups = new Map<
    string,
    Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>> &
      IpPermission
  >();
  for (const rule of rules) {
    const key = `${rule.protocol}|${rule.fromPort}|${rule.toPort}`;
    let permission = groups.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.protocol,
        ...(hasPorts(rule.protocol) || isIcmp(rule.protocol)
          ? { FromPort: rule.fromPort, ToPort: rule.toPort }
          : {}),
        UserIdGroupPairs: [],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      };
      groups.set(key, permission);
    }
    const described = rule.description !== undefined ? { Description: rule.description } : {};
    const peer = rule.peer;
    if ('cidrIpv4' in peer) permission.IpRanges.push({ CidrIp: peer.cidrIpv4, ...described });
    else if ('cidrIpv6' in peer) {
      permission.Ipv6Ranges.push({ CidrIpv6: peer.cidrIpv6, ...described });
    } else if ('prefixListId' in peer) {
      permission.PrefixListIds.push({ PrefixListId: peer.prefixListId, ...described });
    } else {
      permission.UserIdGroupPairs.push({
        UserId: peer.userId,
        GroupId: peer.groupId,
        ...described,
      });
    }
  }
  return [...groups.values()];
}

export function ruleArn(scope: Scope, ruleId: string): string {
  return `arn:aws:ec2:${scope.region}:${scope.accountId}:security-group-rule/${ruleId}`;
}

export function ruleOutput(
  rule: SecurityGroupRuleRecord,
  groupId: string,
  isEgress: boolean,
  scope: Scope,
): SecurityGroupRule {
  const peer = rule.peer;
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: groupId,
    GroupOwnerId: scope.accountId,
    IsEgress: isEgress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...('cidrIpv4' in peer ? { CidrIpv4: peer.cidrIpv4 } : {}),
    ...('cidrIpv6' in peer ? { CidrIpv6: peer.cidrIpv6 } : {}),
    ...('prefixListId' in peer ? { PrefixListId: peer.prefixListId } : {}),
    ...('groupId' in peer
      ? { ReferencedGroupInfo: { GroupId: peer.groupId, UserId: peer.userId } }
      : {}),
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    Tags: rule.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    SecurityGroupRuleArn: ruleArn(scope, rule.ruleId),
  };
}
