import { PatternFault } from './faults.js';

/**
 * IP addresses as event-ruler reads them: a string must first look like an address (its
 * two regular expressions), then Java's InetAddress must accept it as a literal. Ruler
 * matches CIDR ranges (and exact strings that are addresses) on the address bytes, so
 * "10.0.0.1" in a pattern also matches "::ffff:a00:1" (Java maps it to IPv4).
 */

/** Inclusive byte range over addresses of one family (4 or 16 bytes). */
export interface IpRange {
  readonly bottom: Uint8Array;
  readonly top: Uint8Array;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** The address bytes, or why not: `shape` (ruler's "Nonstandard") or `literal` ("Invalid"). */
function parse(text: string): Uint8Array | 'shape' | 'literal' {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text) ?? 'literal';
  if (IPV6_SHAPE.test(text)) return parseIpv6(text) ?? 'literal';
  return 'shape';
}

/** Address bytes when `text` is an address literal, else undefined. */
export function ipBytes(text: string): Uint8Array | undefined {
  const bytes = parse(text);
  return typeof bytes === 'string' ? undefined : bytes;
}

/**
 * Java since 2022 refuses IPv4 parts with leading zeros (they could be octal) and then
 * tries the text as a host name, which fails in AWS's sandbox.
 */
function parseIpv4(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const value = Number(part);
    if (part.length > 3 || value > 255) return undefined;
    out[i] = value;
  }
  return out;
}

/** Java's IPAddressUtil.textToNumericFormatV6, without the embedded-IPv4 form (no dots). */
function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length < 2) return undefined;
  const dst = new Uint8Array(16);
  let i = 0;
  if (text[0] === ':' && text[++i] !== ':') return undefined;
  let colonAt = -1;
  let j = 0;
  let sawDigit = false;
  let value = 0;
  while (i < text.length) {
    const ch = text[i++]!;
    if (ch !== ':') {
      value = (value << 4) | parseInt(ch, 16);
      if (value > 0xffff) return undefined;
      sawDigit = true;
      continue;
    }
    if (!sawDigit) {
      if (colonAt !== -1) return undefined;
      colonAt = j;
      continue;
    }
    if (i === text.length || j + 2 > 16) return undefined;
    dst[j++] = (value >> 8) & 0xff;
    dst[j++] = value & 0xff;
    sawDigit = false;
    value = 0;
  }
  if (sawDigit) {
    if (j + 2 > 16) return undefined;
    dst[j++] = (value >> 8) & 0xff;
    dst[j++] = value & 0xff;
  }
  if (colonAt !== -1) {
    if (j === 16) return undefined;
    const moved = j - colonAt;
    for (let k = 1; k <= moved; k++) {
      dst[16 - k] = dst[colonAt + moved - k]!;
      dst[colonAt + moved - k] = 0;
    }
    j = 16;
  }
  if (j !== 16) return undefined;
  return mappedIpv4(dst) ?? dst;
}

/** ::ffff:a.b.c.d becomes an IPv4 address, as Java's InetAddress does. */
function mappedIpv4(bytes: Uint8Array): Uint8Array | undefined {
  for (let k = 0; k < 10; k++) if (bytes[k] !== 0) return undefined;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return undefined;
  return bytes.slice(12);
}

function argument(message: string): never {
  throw new PatternFault(message, 'argument');
}

/** Ruler's CIDR.cidr: the given address up to the address with all host bits set. */
export function cidrRange(cidr: string): IpRange {
  const parts = javaSplit(cidr, '/');
  if (parts.length !== 2) argument("Malformed CIDR, one '/' required");
  const [address, mask] = parts as [string, string];
  const maskBits = javaParseInt(mask);
  if (maskBits === undefined) argument('Malformed CIDR, mask bits must be an integer');
  if (maskBits < 0) argument('Malformed CIDR, mask bits must not be negative');
  const bytes = parse(address);
  if (bytes === 'literal') argument(`Invalid IP address: ${address}`);
  if (bytes === 'shape') argument(`Nonstandard IP address: ${address}`);
  if (bytes.length === 4 && maskBits > 31) argument('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) argument('IPv6 mask bits must be < 128');
  const top = bytes.slice();
  let hostBits = bytes.length * 8 - maskBits;
  for (let i = top.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    top[i] = hostBits >= 8 ? 0xff : top[i]! | ((1 << hostBits) - 1);
  }
  return { bottom: bytes, top };
}

export function inRange(bytes: Uint8Array, range: IpRange): boolean {
  if (bytes.length !== range.bottom.length) return false;
  return compare(bytes, range.bottom) >= 0 && compare(bytes, range.top) <= 0;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Java's String.split: trailing empty strings are dropped ("a/" is one part, "/" none). */
function javaSplit(text: string, separator: string): string[] {
  if (text === '') return [''];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function javaParseInt(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}
