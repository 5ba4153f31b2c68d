/**
 * AWS-style identifiers: a four-letter kind prefix (AROA role, AIDA user, ANPA policy,
 * AKIA/ASIA access key, AIPA instance profile) and upper-case letters and digits.
 */
import { createHash, randomBytes } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` random characters of AWS's identifier alphabet. */
export function randomId(length: number): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ID_ALPHABET[byte % 32];
  return out;
}

/** A stable id derived from a name, for principals teiki did not create (open mode). */
export function derivedId(prefix: string, name: string, length = 17): string {
  const digest = createHash('sha256').update(name).digest();
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++)
    out += ID_ALPHABET[(digest[i] ?? 0) % 32];
  return out;
}
