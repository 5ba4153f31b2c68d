/**
 * A SecureString's value at rest and on the wire without `WithDecryption`. AWS answers the
 * base64 text of the KMS ciphertext blob; teiki has no KMS, so it makes a blob of the same
 * kind: AES-256-GCM under a key derived from (account, region, KeyId), a random IV, base64.
 * The key is derivable by anyone who reads this file: this keeps values out of logs and
 * plain sight in the data directory, it is not a security boundary. The same blob is
 * answered on every read, as AWS answers the one ciphertext it stored.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Scope } from '../../../store/types.js';

/** The key AWS uses when PutParameter names none. */
export const DEFAULT_KEY_ID = 'alias/aws/ssm';

const FORMAT = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(scope: Scope, keyId: string): Buffer {
  return createHash('sha256')
    .update(`teiki ssm SecureString\u0000${scope.accountId}\u0000${scope.region}\u0000${keyId}`)
    .digest();
}

export function encryptSecureString(scope: Scope, keyId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(scope, keyId), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptSecureString(scope: Scope, keyId: string, ciphertext: string): string {
  const blob = Buffer.from(ciphertext, 'base64');
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(scope, keyId), iv);
  decipher.setAuthTag(tag);
  const body = blob.subarray(1 + IV_BYTES + TAG_BYTES);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
