/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress. An IPv4-mapped
 * IPv6 address (`::ffff:10.0.0.1`) is compared as the IPv4 address it carries.
 */

interface Address {
  family: 4 | 6;
  value: bigint;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  const v4 = parseV4(trimmed);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = trimmed.includes(':') ? parseV6(trimmed) : undefined;
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

/** Whether `address` lies in `cidr` (a block, or one address standing for itself). */
export function inCidr(address: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  const base = parseAddress(slash < 0 ? cidr : cidr.slice(0, slash));
  const ip = parseAddress(address);
  if (!base || !ip || base.family !== ip.family) return false;
  const bits = base.family === 4 ? 32 : 128;
  const lengthText = slash < 0 ? String(bits) : cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return false;
  const length = Number(lengthText);
  if (length > bits) return false;
  const shift = BigInt(bits - length);
  return base.value >> shift === ip.value >> shift;
}
