/**
 * IPv4 addresses and CIDR blocks as unsigned 32-bit numbers: parsing, containment and
 * overlap, the arithmetic VPCs, subnets and the address allocator share. IPv6 blocks are
 * only checked for shape (teiki allocates no IPv6 addresses).
 */
import { isIPv6 } from 'node:net';

export interface Ipv4Cidr {
  /** The network address. */
  base: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
}

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * `a.b.c.d/n`, or undefined when it is not one. `aligned` is false when bits past the
 * prefix are set (`10.0.0.1/16`), which most of EC2 refuses.
 */
export function parseIpv4Cidr(text: string): (Ipv4Cidr & { aligned: boolean }) | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const base = address - (address % size);
  return { base, prefix, size, aligned: base === address };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** `2001:db8::/32`-shaped: an IPv6 address and a prefix of 0–128. */
export function isIpv6Cidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash === -1) return false;
  const prefixText = text.slice(slash + 1);
  return isIPv6(text.slice(0, slash)) && /^\d{1,3}$/.test(prefixText) && Number(prefixText) <= 128;
}
