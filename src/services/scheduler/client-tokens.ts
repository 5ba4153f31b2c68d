/**
 * ClientToken idempotency of CreateSchedule and CreateScheduleGroup. The SDKs send a fresh
 * token with every call and the same one when they retry, so a retry of a create that
 * succeeded (its answer lost on the way back) must succeed again rather than meet
 * ConflictException. The token and a fingerprint of the request are kept beside the
 * resource they created, one record per resource, and go when the resource goes.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import { canonicalJson } from '../canonical-json.js';

const CLIENT_TOKENS = 'scheduler.client-tokens';

interface TokenRecord {
  token: string;
  fingerprint: string;
}

export const scheduleTokenId = (scheduleId: string) => `schedule|${scheduleId}`;
export const groupTokenId = (groupName: string) => `group|${groupName}`;

function tokens(session: StoreSession) {
  return session.collection<TokenRecord>(CLIENT_TOKENS);
}

/** The request without its token: what a retry repeats exactly. */
export function fingerprintOf(input: { ClientToken?: string }): string {
  const { ClientToken: _token, ...rest } = input;
  return canonicalJson(rest);
}

/** Whether this request repeats the one that created the resource `id`. */
export async function isReplay(
  session: StoreSession,
  scope: Scope,
  id: string,
  input: { ClientToken?: string },
): Promise<boolean> {
  if (input.ClientToken === undefined) return false;
  const kept = await tokens(session).get(scope, id);
  return kept?.token === input.ClientToken && kept.fingerprint === fingerprintOf(input);
}

export async function keepToken(
  session: StoreSession,
  scope: Scope,
  id: string,
  input: { ClientToken?: string },
): Promise<void> {
  if (input.ClientToken === undefined) return;
  await tokens(session).put(scope, id, {
    token: input.ClientToken,
    fingerprint: fingerprintOf(input),
  });
}

export async function forgetToken(session: StoreSession, scope: Scope, id: string): Promise<void> {
  await tokens(session).delete(scope, id);
}
