/**
 * `--auth enforce` for the `/_teiki/*` routes: a request is signed with SigV4 (verified
 * as an AWS call is, against the keys teiki knows) or carries an access key id and its
 * secret as HTTP Basic credentials (what the console sends). Without either it gets 401
 * before its route runs, so it changes nothing. Readiness and the console's static pages
 * are open: the sign-in form has to load.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CallerIdentity } from '../../services/context.js';
import { isServiceError } from '../../services/error.js';
import { sigV4Of } from '../auth/index.js';
import {
  lookUpCredential,
  type CredentialRecord,
  type CredentialSource,
} from '../../services/credentials.js';
import type { Authenticator } from '../identity.js';
import type { WireResponse } from '../protocols/types.js';
import { json, type AdminAccess, type AdminRequest } from './routes.js';

/** Let through (with who signed, when credentials were asked for), or refused with a 401. */
export type GuardVerdict = { caller?: CallerIdentity } | { refused: WireResponse };

export type AdminGuard = (
  req: AdminRequest,
  access: AdminAccess | undefined,
) => Promise<GuardVerdict>;

const NO_CREDENTIALS =
  'teiki runs with --auth enforce: sign the request with SigV4 or send an access key id and its secret as HTTP Basic credentials.';

function unauthorized(message: string): GuardVerdict {
  return { refused: json(401, { error: 'Unauthorized', message }) };
}

/** `Basic base64(accessKeyId:secret)`, taken apart; undefined when it is not that. */
export function parseBasic(
  header: string | undefined,
): { accessKeyId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { accessKeyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key behind Basic credentials, when its secret matches. Temporary (STS) keys need
 * their session token, which Basic cannot carry, so only long-term keys sign in this way.
 */
export async function verifyBasic(
  header: string | undefined,
  sources: readonly CredentialSource[],
): Promise<CredentialRecord | undefined> {
  const pair = parseBasic(header);
  if (!pair) return undefined;
  const record = await lookUpCredential(sources, pair.accessKeyId);
  if (!record || record.sessionToken !== undefined) return undefined;
  return sameSecret(record.secretAccessKey, pair.secret) ? record : undefined;
}

export function createAdminGuard(deps: {
  authenticator: Authenticator;
  sources: readonly CredentialSource[];
}): AdminGuard {
  return async (req, access) => {
    if (access === 'open') return {};
    const headers = req.headers ?? {};
    let basic = headers.authorization;
    // EventSource sends no headers: a route that streams to the console takes `?auth=`.
    if (basic === undefined && access === 'query-credentials' && req.query.get('auth'))
      basic = `Basic ${req.query.get('auth')}`;

    if (basic !== undefined && /^Basic\s/i.test(basic)) {
      const record = await verifyBasic(basic, deps.sources);
      if (record) return { caller: record.caller };
      return unauthorized('The access key id and secret are not a key pair teiki knows.');
    }
    const sigv4 = { ...req, rawQuery: req.rawQuery ?? '', headers };
    if (sigV4Of(sigv4).kind === 'absent') return unauthorized(NO_CREDENTIALS);
    try {
      return { caller: (await deps.authenticator.authenticate(sigv4, 'json')).caller };
    } catch (error) {
      if (!isServiceError(error)) throw error;
      return { refused: json(401, { error: error.code, message: error.message }) };
    }
  };
}
