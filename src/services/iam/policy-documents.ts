/**
 * The identity policies a role or user holds, as the policy engine reads them: the default
 * version of each attached managed policy (customer or AWS managed) and every inline policy.
 * The scheduler asks with these whether a target's role may call ecs:RunTask.
 */
import type { NamedPolicy } from '../../engine/iam-policy/index.js';
import type { Store } from '../../store/types.js';
import { attachedArns, findPolicy } from './policies/model.js';
import type { RoleRecord, UserRecord } from './records.js';

function principalLabel(principal: RoleRecord | UserRecord): string {
  return 'roleName' in principal ? `role/${principal.roleName}` : `user/${principal.userName}`;
}

/** A managed policy's default-version document (customer or AWS managed), if it exists. */
export async function defaultDocument(
  store: Store,
  accountId: string,
  arn: string,
): Promise<NamedPolicy | undefined> {
  const view = await findPolicy(store, accountId, arn);
  const version = view?.versions.find((v) => v.versionId === view.defaultVersionId);
  return version ? { source: arn, document: version.document } : undefined;
}

export async function policyDocumentsOf(
  store: Store,
  accountId: string,
  principal: RoleRecord | UserRecord,
): Promise<NamedPolicy[]> {
  const managed = await Promise.all(
    attachedArns(principal).map((arn) => defaultDocument(store, accountId, arn)),
  );
  const label = principalLabel(principal);
  const inline = Object.entries(principal.inlinePolicies ?? {}).map(
    ([name, document]): NamedPolicy => ({ source: `${label} inline ${name}`, document }),
  );
  return [...managed.filter((policy): policy is NamedPolicy => policy !== undefined), ...inline];
}

/** The permissions boundary's default-version document, when the principal has one. */
export async function boundaryDocumentOf(
  store: Store,
  accountId: string,
  principal: RoleRecord | UserRecord,
): Promise<NamedPolicy | undefined> {
  const arn = principal.permissionsBoundaryArn;
  return arn ? defaultDocument(store, accountId, arn) : undefined;
}
