/**
 * Inline policies of a role or user, kept on the principal by name. AWS limits the
 * aggregate size of a principal's inline policies (whitespace not counted): 10,240
 * characters for a role, 2,048 for a user.
 */
import { encodePolicyDocument } from './encode.js';
import { LimitExceededException, NoSuchEntityException } from './generated/errors.js';
import { checkPolicyDocument } from './errors.js';
import { arrayPage, pagingMembers, type PageInput } from './listing.js';
import type { PrincipalRecord } from './records.js';

export type PrincipalKind = 'role' | 'user';

const AGGREGATE_LIMIT: Record<PrincipalKind, number> = { role: 10_240, user: 2_048 };

function aggregateSize(policies: Record<string, string>): number {
  let size = 0;
  for (const document of Object.values(policies)) size += document.replace(/\s+/g, '').length;
  return size;
}

/** Adds or replaces `policyName` on `principal` (mutates it), checking the document and the size limit. */
export function putInlinePolicy(
  principal: PrincipalRecord,
  kind: PrincipalKind,
  principalName: string,
  policyName: string,
  document: string,
): void {
  checkPolicyDocument(document, 'inline');
  const next = { ...principal.inlinePolicies, [policyName]: document };
  const limit = AGGREGATE_LIMIT[kind];
  if (aggregateSize(next) > limit) {
    throw new LimitExceededException(
      `Maximum policy size of ${limit} bytes exceeded for ${kind} ${principalName}`,
    );
  }
  principal.inlinePolicies = next;
}

function noSuchPolicy(kind: PrincipalKind, policyName: string): NoSuchEntityException {
  return new NoSuchEntityException(`The ${kind} policy with name ${policyName} cannot be found.`);
}

/** The stored document, or AWS's NoSuchEntity for the principal kind. */
export function inlinePolicy(
  principal: PrincipalRecord,
  kind: PrincipalKind,
  policyName: string,
): { PolicyName: string; PolicyDocument: string } {
  if (!Object.hasOwn(principal.inlinePolicies, policyName)) throw noSuchPolicy(kind, policyName);
  return {
    PolicyName: policyName,
    PolicyDocument: encodePolicyDocument(principal.inlinePolicies[policyName] as string),
  };
}

/** Removes `policyName` from `principal` (mutates it). */
export function deleteInlinePolicy(
  principal: PrincipalRecord,
  kind: PrincipalKind,
  policyName: string,
): void {
  if (!Object.hasOwn(principal.inlinePolicies, policyName)) throw noSuchPolicy(kind, policyName);
  const next = { ...principal.inlinePolicies };
  delete next[policyName];
  principal.inlinePolicies = next;
}

export function inlinePolicyNames(principal: PrincipalRecord, input: PageInput) {
  const page = arrayPage(Object.keys(principal.inlinePolicies), input, (name) => name);
  return { PolicyNames: page.items, ...pagingMembers(page) };
}
