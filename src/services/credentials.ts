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

/** Looks a key up in one place that issues keys (options, STS, IAM). */
export type CredentialSource = (accessKeyId: string) => Promise<CredentialRecord | undefined>;

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
