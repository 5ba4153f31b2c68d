/**
 * Who is calling, from which account and region. In `open` mode (the default, as local
 * emulators do) a signature is read but not checked: a 12-digit access key id selects
 * that account, a key teiki issued (STS, IAM) names its own principal, anything else is
 * the root of the default account. In `enforce` mode the key must be known and the
 * SigV4 signature must verify, or the request gets AWS's authentication error.
 */
import type { Clock } from '../engine/clock/types.js';
import type { CallerIdentity } from '../services/context.js';
import { lookUpCredential, rootCaller, type CredentialSource } from '../services/credentials.js';
import { accountFromAccessKeyId } from './auth/account.js';
import { authErrors, sigV4Of, verifySigV4 } from './auth/index.js';
import type { GatewayRequest } from './pipeline.js';
import type { Protocol } from './schema/types.js';

export interface Identity {
  accountId: string;
  region: string;
  caller: CallerIdentity;
}

export interface Authenticator {
  authenticate(req: GatewayRequest, protocol: Protocol): Promise<Identity>;
}

export function createAuthenticator(options: {
  mode: 'open' | 'enforce';
  defaultAccountId: string;
  defaultRegion: string;
  sources: readonly CredentialSource[];
  clock: Clock;
}): Authenticator {
  const lookup = async (accessKeyId: string) => {
    const found = lookUpCredential(options.sources, accessKeyId);
    // Awaited only when a source had to read: an await of a value still costs a turn.
    return found instanceof Promise ? await found : found;
  };

  const defaultIdentity = (): Identity => ({
    accountId: options.defaultAccountId,
    region: options.defaultRegion,
    caller: rootCaller(options.defaultAccountId, ''),
  });

  return {
    async authenticate(req, protocol) {
      const errors = authErrors(protocol);
      const parsed = sigV4Of(req);
      if (options.mode === 'open') {
        // Open mode reads what credentials say and checks nothing, as local emulators do:
        // even a malformed signature still names a key and a region when it can be read.
        const scope =
          parsed.kind === 'signed'
            ? parsed.info
            : parsed.kind === 'malformed'
              ? parsed.credential
              : undefined;
        if (!scope) return defaultIdentity();
        const record = await lookup(scope.accessKeyId);
        const caller =
          record?.caller ??
          rootCaller(
            accountFromAccessKeyId(scope.accessKeyId, options.defaultAccountId),
            scope.accessKeyId,
          );
        return {
          accountId: caller.accountId,
          region: scope.region || options.defaultRegion,
          caller,
        };
      }

      if (parsed.kind === 'malformed') throw errors.malformed(parsed);
      if (parsed.kind === 'absent') throw errors.missingAuthentication();
      const info = parsed.info;
      const record = await lookup(info.accessKeyId);
      if (!record) throw errors.unknownAccessKey();
      if (record.sessionToken !== undefined && record.sessionToken !== info.securityToken)
        throw errors.invalidSecurityToken();
      if (record.expiresAtMs !== undefined && record.expiresAtMs <= options.clock.nowMs())
        throw errors.expiredToken();
      // Signatures are checked against the wall clock: that is what signed the request.
      // eslint-disable-next-line no-restricted-syntax
      const verdict = verifySigV4(req, info, record.secretAccessKey, Date.now(), { protocol });
      if (!verdict.ok) throw verdict.error(protocol);
      return { accountId: record.caller.accountId, region: info.region, caller: record.caller };
    },
  };
}
