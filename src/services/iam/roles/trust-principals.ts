/**
 * AWS resolves the users and roles a trust policy names under "AWS" when the policy is
 * set, and refuses the policy when one does not exist (in any account).
 */
import {
  invalidPrincipalMessage,
  trustPolicyAwsPrincipals,
} from '../../../engine/iam-policy/index.js';
import type { StoreSession } from '../../../store/types.js';
import { MalformedPolicyDocumentException } from '../generated/errors.js';
import { iamScope, nameId, ROLES, USERS, type PrincipalRecord } from '../records.js';

const PRINCIPAL_ARN = /^arn:[^:]+:iam::(\d{12}):(user|role)(\/(?:.*\/)?)([^/]+)$/;

async function principalExists(session: StoreSession, arn: string): Promise<boolean> {
  const match = PRINCIPAL_ARN.exec(arn);
  if (!match) return false;
  const [, accountId, kind, path, name] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const record = await session
    .collection<PrincipalRecord>(kind === 'role' ? ROLES : USERS)
    .get(iamScope(accountId), nameId(name));
  return record !== undefined && record.path === path;
}

export async function checkTrustPrincipals(session: StoreSession, document: string): Promise<void> {
  for (const arn of trustPolicyAwsPrincipals(document)) {
    if (!(await principalExists(session, arn))) {
      throw new MalformedPolicyDocumentException(invalidPrincipalMessage(arn));
    }
  }
}
