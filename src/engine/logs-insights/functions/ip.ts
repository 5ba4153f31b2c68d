/** IP address string functions; addresses are read with node:net's parser. */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { toText } from '../values.js';
import { type ScalarFunction, simple } from './types.js';

type Family = 'ipv4' | 'ipv6';

function familyOf(address: string): Family | undefined {
  if (isIPv4(address)) return 'ipv4';
  if (isIPv6(address)) return 'ipv6';
  return undefined;
}

const subnets = new Map<string, BlockList>();

function inSubnet(address: string, cidr: string, only?: Family): boolean {
  const family = familyOf(address);
  if (!family || (only && family !== only)) return false;
  const slash = cidr.indexOf('/');
  if (slash < 0) return false;
  const network = cidr.slice(0, slash);
  const prefixText = cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  const netFamily = familyOf(network);
  if (netFamily !== family) return false;
  if (prefix > (family === 'ipv4' ? 32 : 128)) return false;
  const key = `${family}|${cidr}`;
  let list = subnets.get(key);
  if (!list) {
    list = new BlockList();
    list.addSubnet(network, prefix, family);
    // A query names a handful of subnets; the cache only saves rebuilding them per event.
    if (subnets.size >= 1000) subnets.clear();
    subnets.set(key, list);
  }
  return list.check(address, family);
}

function subnetFn(only?: Family): ScalarFunction {
  return simple(2, 2, ([a, c]) => {
    const address = toText(a ?? null);
    const cidr = toText(c ?? null);
    return address !== null && cidr !== null && inSubnet(address.trim(), cidr.trim(), only);
  });
}

function validFn(test: (s: string) => boolean): ScalarFunction {
  return simple(1, 1, ([v]) => {
    const s = toText(v ?? null);
    return s !== null && test(s);
  });
}

/** RFC 1918 (and fc00::/7, the IPv6 unique local range). */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

/** IANA special-purpose ranges that are not publicly routable. */
const RESERVED = [
  '0.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fe80::/10',
  'ff00::/8',
  '2001:db8::/32',
];

function inAny(address: string, ranges: readonly string[]): boolean {
  return ranges.some((r) => inSubnet(address, r));
}

export const IP_FUNCTIONS: Record<string, ScalarFunction> = {
  isvalidip: validFn((s) => familyOf(s) !== undefined),
  isvalidipv4: validFn(isIPv4),
  isvalidipv6: validFn(isIPv6),
  isipinsubnet: subnetFn(),
  isipv4insubnet: subnetFn('ipv4'),
  isipv6insubnet: subnetFn('ipv6'),
  ipv4tonumber: simple(1, 1, ([v]) => {
    const s = toText(v ?? null);
    if (s === null || !isIPv4(s)) return null;
    return s.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  }),
  isprivateip: validFn((s) => familyOf(s) !== undefined && inAny(s, PRIVATE)),
  isreservedip: validFn((s) => familyOf(s) !== undefined && inAny(s, RESERVED)),
  ispublicip: validFn(
    (s) => familyOf(s) !== undefined && !inAny(s, PRIVATE) && !inAny(s, RESERVED),
  ),
};
