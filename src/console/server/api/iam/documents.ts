/**
 * Roles and customer managed policies as the IAM page shows them, read through IAM's own
 * operations (ListRoles, ListRolePolicies/GetRolePolicy, ListAttachedRolePolicies,
 * GetPolicy/GetPolicyVersion, ListPolicies). IAM answers documents URL-encoded, as AWS
 * does; the page gets them decoded and parsed.
 */
import type { Role } from '../../../../services/iam/generated/types.js';
import type { PoliciesResponse, RoleView } from '../../../shared/api-types.js';
import { callAws, type ConsoleDeps, type ConsoleScope } from '../context.js';
import type { InputOf, OperationName, OutputOf } from '../operations.js';

/** The IAM list operations that page with `Marker` and `MaxItems`. */
type MarkerOperation = {
  [Op in OperationName<'iam'>]: InputOf<'iam', Op> extends { Marker?: string; MaxItems?: number }
    ? OutputOf<'iam', Op> extends { IsTruncated?: boolean; Marker?: string }
      ? Op
      : never
    : never;
}[OperationName<'iam'>];

/** Every page of an IAM list operation, following `Marker`. */
async function allPages<Op extends MarkerOperation, T>(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  operation: Op,
  input: Omit<InputOf<'iam', Op>, 'Marker' | 'MaxItems'>,
  items: (page: OutputOf<'iam', Op>) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(deps, scope, 'iam', operation, {
      ...input,
      MaxItems: 1000,
      ...(marker ? { Marker: marker } : {}),
    } as InputOf<'iam', Op>);
    out.push(...(items(page) ?? []));
    const paged = page as { IsTruncated?: boolean; Marker?: string };
    marker = paged.IsTruncated ? paged.Marker : undefined;
  } while (marker);
  return out;
}

/** IAM's URL-encoded policy text as JSON (the text itself when it is not JSON). */
export function decodeDocument(encoded: string | undefined): unknown {
  if (encoded === undefined) return undefined;
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // Not percent-encoded after all: keep it as it came.
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A managed policy (GetPolicy) and its default version's document (GetPolicyVersion). */
async function withDefaultVersion(deps: ConsoleDeps, scope: ConsoleScope, policyArn: string) {
  const { Policy } = await callAws(deps, scope, 'iam', 'GetPolicy', {
    PolicyArn: policyArn,
  });
  const versionId = Policy?.DefaultVersionId;
  if (!versionId) return { policy: Policy, document: undefined };
  const { PolicyVersion } = await callAws(deps, scope, 'iam', 'GetPolicyVersion', {
    PolicyArn: policyArn,
    VersionId: versionId,
  });
  return { policy: Policy, versionId, document: decodeDocument(PolicyVersion?.Document) };
}

async function roleView(deps: ConsoleDeps, scope: ConsoleScope, role: Role): Promise<RoleView> {
  const RoleName = role.RoleName;
  const inlineNames = await allPages(
    deps,
    scope,
    'ListRolePolicies',
    { RoleName },
    (page) => page.PolicyNames,
  );
  const inlinePolicies = await Promise.all(
    inlineNames.map(async (name) => {
      const policy = await callAws(deps, scope, 'iam', 'GetRolePolicy', {
        RoleName,
        PolicyName: name,
      });
      return { name, document: decodeDocument(policy.PolicyDocument) };
    }),
  );
  const attached = await allPages(
    deps,
    scope,
    'ListAttachedRolePolicies',
    { RoleName },
    (page) => page.AttachedPolicies,
  );
  const attachedPolicies = await Promise.all(
    attached.map(async (policy) => {
      const arn = policy.PolicyArn ?? '';
      const { versionId, document } = await withDefaultVersion(deps, scope, arn);
      return { name: policy.PolicyName ?? '', arn, ...(versionId ? { versionId } : {}), document };
    }),
  );
  return {
    name: RoleName,
    arn: role.Arn,
    path: role.Path,
    createDate: new Date(role.CreateDate).toISOString(),
    ...(role.Description !== undefined ? { description: role.Description } : {}),
    trustPolicy: decodeDocument(role.AssumeRolePolicyDocument),
    inlinePolicies,
    attachedPolicies,
  };
}

export async function listRoleViews(deps: ConsoleDeps, scope: ConsoleScope): Promise<RoleView[]> {
  const roles = await allPages(deps, scope, 'ListRoles', {}, (page) => page.Roles);
  return Promise.all(roles.map((role) => roleView(deps, scope, role)));
}

export async function listCustomerPolicies(
  deps: ConsoleDeps,
  scope: ConsoleScope,
): Promise<PoliciesResponse['policies']> {
  const policies = await allPages(
    deps,
    scope,
    'ListPolicies',
    { Scope: 'Local' },
    (page) => page.Policies,
  );
  return Promise.all(
    policies.map(async (policy) => {
      const arn = policy.Arn ?? '';
      // GetPolicy as well for the description, which ListPolicies leaves out as AWS does.
      const { policy: full, versionId, document } = await withDefaultVersion(deps, scope, arn);
      return {
        name: policy.PolicyName ?? '',
        arn,
        versionId: versionId ?? '',
        document,
        attachmentCount: policy.AttachmentCount ?? 0,
        ...(full?.Description !== undefined ? { description: full.Description } : {}),
      };
    }),
  );
}
