/**
 * The credential port: where the gateway looks up the key a request was signed with. The
 * services that issue keys (STS, IAM) implement it, and the composition root adds the root
 * key of the options; the gateway only consumes it (gateway/identity.ts), so it lives here,
 * beside the request context its records carry a caller of.
 */
import type { CallerIdentity } from './context.js';

/** A key pair teiki knows, and the principal it stands for. */
export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials only: the token the request must carry. */
  sessionToken?: string;
  expiresAtMs?: number;
  caller: CallerIdentity;
}

/**
 * Looks a key up in one place that issues keys (options, STS, IAM). A source that knows
 * the answer without reading the store gives it directly: every signed request asks each
 * source in turn, and each await would cost the request a turn of the event loop.
 */
export type CredentialSource = (
  accessKeyId: string,
) => CredentialRecord | undefined | Promise<CredentialRecord | undefined>;

/** The first source's record for the key, without waiting when no source has to. */
export function lookUpCredential(
  sources: readonly CredentialSource[],
  accessKeyId: string,
  from = 0,
): CredentialRecord | undefined | Promise<CredentialRecord | undefined> {
  for (let i = from; i < sources.length; i++) {
    const found = sources[i]!(accessKeyId);
    if (found instanceof Promise) {
      return found.then((record) => record ?? lookUpCredential(sources, accessKeyId, i + 1));
    }
    if (found) return found;
  }
  return undefined;
}

/** The account's root as a caller, signing with `accessKeyId`. */
export function rootCaller(accountId: string, accessKeyId: string): CallerIdentity {
  return {
    accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    accessKeyId,
    type: 'root',
  };
}
