/**
 * EC2 resource ids: a kind prefix and 17 lower-case hex digits (`vpc-0a1b2c3d4e5f67890`),
 * the long form AWS has issued since 2018. Resources every account has from the start
 * (the default VPC and its pieces) get ids derived from the account and region, so that
 * every node and every restart names them alike.
 */
import { createHash, randomBytes } from 'node:crypto';

const HEX_DIGITS = 17;

export function newEc2Id(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, HEX_DIGITS)}`;
}

export function stableEc2Id(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${prefix}-${digest.slice(0, HEX_DIGITS)}`;
}

/** A MAC address as EC2 hands them out: unicast, locally administered. */
export function newMacAddress(): string {
  const bytes = randomBytes(6);
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
