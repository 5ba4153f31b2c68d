/**
 * The hashes SigV4 computes for every signed request: SHA-256 of the payload and of the
 * canonical request, the signing key derived from the secret, and the HMAC of the string
 * to sign. These run on every request under `--auth enforce`, so each takes the cheapest
 * path Node offers.
 */
// A namespace import: `hash` is missing before Node 20.12, where a named import would fail.
import * as crypto from 'node:crypto';

// One call and no Hash object where Node has it (20.12 and later): a third of the cost
// for the small bodies and canonical requests hashed on every signed request.
const oneShotHash = (crypto as { hash?: typeof crypto.hash }).hash;

export function sha256Hex(data: Uint8Array | string): string {
  return oneShotHash
    ? oneShotHash('sha256', data, 'hex')
    : crypto.createHash('sha256').update(data).digest('hex');
}

/** SHA-256's block size: HMAC pads its key to it. */
const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/** A derived signing key, with its HMAC pads (RFC 2104) computed once. */
export interface SigningKey {
  readonly key: Buffer;
  /**
   * The key XOR 0x36 over one block (the inner hash's prefix), then room for the string
   * to sign, written there for each signature: grown when a string does not fit.
   */
  inner: Buffer;
  /** The key XOR 0x5c over one block (the outer hash's prefix), then the inner digest. */
  readonly outer: Buffer;
}

/** Room for a string to sign: the usual one is about 130 bytes. */
const INITIAL_ROOM = 256;

function withPads(key: Buffer): SigningKey {
  const inner = Buffer.alloc(BLOCK_BYTES + INITIAL_ROOM);
  inner.fill(0x36, 0, BLOCK_BYTES);
  const outer = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);
  outer.fill(0x5c, 0, BLOCK_BYTES);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  return { key, inner, outer };
}

// Deriving a key costs four HMACs; a client signs many requests with the same day's key.
// Kept per secret, then by scope: no key string is built (and hashed) for every request.
const signingKeys = new Map<string, Array<{ scope: readonly string[]; key: SigningKey }>>();
const SECRETS_KEPT = 256;
/** Scopes per secret: a day's regions and services; the oldest goes first. */
const SCOPES_PER_SECRET = 16;

export function signingKey(
  secret: string,
  date: string,
  region: string,
  service: string,
): SigningKey {
  let scopes = signingKeys.get(secret);
  if (scopes) {
    for (const { scope, key } of scopes) {
      if (scope[0] === date && scope[1] === region && scope[2] === service) return key;
    }
  }
  const kDate = crypto.createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = crypto.createHmac('sha256', kDate).update(region).digest();
  const kService = crypto.createHmac('sha256', kRegion).update(service).digest();
  const key = withPads(crypto.createHmac('sha256', kService).update('aws4_request').digest());
  if (!scopes) {
    if (signingKeys.size >= SECRETS_KEPT) signingKeys.clear();
    scopes = [];
    signingKeys.set(secret, scopes);
  }
  if (scopes.length >= SCOPES_PER_SECRET) scopes.shift();
  scopes.push({ scope: [date, region, service], key });
  return key;
}

/**
 * HMAC-SHA256 of the string to sign, in hex. With one-shot hashing it is HMAC spelled out,
 * H(K⊕opad ‖ H(K⊕ipad ‖ m)), over buffers kept with the key that already hold the pads:
 * cheaper than an Hmac object, or than new buffers, for every request. Writing into them
 * is safe because nothing here awaits: one signature is computed at a time.
 */
export function signatureHex(signing: SigningKey, stringToSign: string): string {
  if (!oneShotHash) {
    return crypto.createHmac('sha256', signing.key).update(stringToSign).digest('hex');
  }
  // UTF-8 takes at most three bytes for each UTF-16 code unit.
  if (BLOCK_BYTES + stringToSign.length * 3 > signing.inner.length) {
    const grown = Buffer.alloc(BLOCK_BYTES + stringToSign.length * 3);
    signing.inner.copy(grown, 0, 0, BLOCK_BYTES);
    signing.inner = grown;
  }
  const length = signing.inner.write(stringToSign, BLOCK_BYTES, 'utf8');
  const innerDigest = oneShotHash(
    'sha256',
    signing.inner.subarray(0, BLOCK_BYTES + length),
    'binary',
  );
  // The digest as a 'binary' (latin1) string is its 32 bytes, one character each: written
  // back exactly. Node's one-shot hash answers a string sooner than a new Buffer.
  signing.outer.write(innerDigest, BLOCK_BYTES, 'binary');
  return oneShotHash('sha256', signing.outer, 'hex');
}
