/**
 * Private IPv4 addresses inside a subnet. AWS keeps the first four addresses of every
 * subnet (network, VPC router, DNS, future use) and the last (broadcast), so a /28 has 11
 * usable addresses and a /24 has 251. This part is pure: which offsets are usable, and
 * which one to hand out next given the offsets in use; `ip-store.ts` keeps the
 * allocations in the store.
 */
import { formatIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../cidr.js';

/** Addresses at the start of every subnet that AWS reserves. */
export const RESERVED_AT_START = 4;
/** Reserved at the start and at the end. */
export const RESERVED_PER_SUBNET = RESERVED_AT_START + 1;

export function usableAddressCount(cidr: Ipv4Cidr): number {
  return Math.max(0, cidr.size - RESERVED_PER_SUBNET);
}

export function isUsableOffset(cidr: Ipv4Cidr, offset: number): boolean {
  return Number.isInteger(offset) && offset >= RESERVED_AT_START && offset < cidr.size - 1;
}

/** The lowest usable offset not in `used`, or undefined when the subnet is full. */
export function nextFreeOffset(cidr: Ipv4Cidr, used: ReadonlySet<number>): number | undefined {
  for (let offset = RESERVED_AT_START; offset < cidr.size - 1; offset++) {
    if (!used.has(offset)) return offset;
  }
  return undefined;
}

export function addressAt(cidr: Ipv4Cidr, offset: number): string {
  return formatIpv4(cidr.base + offset);
}

/** The subnet's block, which the service stored only after checking it. */
export function subnetCidr(cidrBlock: string): Ipv4Cidr {
  const cidr = parseIpv4Cidr(cidrBlock);
  if (!cidr) throw new Error(`stored subnet CIDR ${cidrBlock} does not parse`);
  return cidr;
}

/** Allocation ids sort by subnet, then numerically by offset. */
export function allocationId(subnetId: string, offset: number): string {
  return `${subnetId}/${String(offset).padStart(10, '0')}`;
}

export function offsetOfAllocation(id: string): number {
  return Number(id.slice(id.lastIndexOf('/') + 1));
}
