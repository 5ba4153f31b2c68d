/**
 * Customer managed policies: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies. AWS
 * managed policies answer GetPolicy and ListPolicies in every account and refuse changes.
 */
import { awsManagedPolicies } from './aws-managed/catalog.js';
import type { IamDeps } from '../deps.js';
import { DeleteConflictException, EntityAlreadyExistsException } from '../generated/errors.js';
import { iamArn, iamUniqueId } from '../arns.js';
import { isAwsManagedArn, requirePolicyArn } from './arn.js';
import { awsManagedPolicyDenied, policyNotFound } from './errors.js';
import {
  allPolicies,
  customerView,
  findCustomerPolicy,
  findPolicy,
  usageByArn,
  wirePolicy,
  type PolicyUsage,
} from './model.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { checkManagedPolicyDocument } from './validate.js';
import { iamScope, nameId, POLICIES, type ManagedPolicyRecord } from '../records.js';
import { checkedTags } from '../tags.js';
import type {
  CreatePolicyRequest,
  CreatePolicyResponse,
  DeletePolicyRequest,
  GetPolicyRequest,
  GetPolicyResponse,
  ListPoliciesRequest,
  ListPoliciesResponse,
  PolicyUsageType,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

function matchesUsageFilter(usage: PolicyUsage | undefined, filter: PolicyUsageType | undefined) {
  if (filter === 'PermissionsPolicy') return (usage?.attachments ?? 0) > 0;
  if (filter === 'PermissionsBoundary') return (usage?.boundaries ?? 0) > 0;
  return true;
}

export async function createPolicy(
  deps: IamDeps,
  input: CreatePolicyRequest,
  ctx: RequestContext,
): Promise<CreatePolicyResponse> {
  const { store, clock } = deps;
  checkManagedPolicyDocument(input.PolicyDocument);
  const tags = checkedTags(input.Tags);
  const path = input.Path ?? '/';
  const now = clock.now().toISOString();
  const record: ManagedPolicyRecord = {
    policyName: input.PolicyName,
    policyId: iamUniqueId('ANPA'),
    arn: iamArn(ctx.accountId, 'policy', path, input.PolicyName),
    path,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    createDate: now,
    updateDate: now,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', document: input.PolicyDocument, createDate: now }],
    nextVersionNumber: 2,
    tags,
  };
  const inserted = await store
    .collection<ManagedPolicyRecord>(POLICIES)
    .insert(iamScope(ctx.accountId), nameId(input.PolicyName), record);
  if (!inserted) {
    throw new EntityAlreadyExistsException(
      `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
    );
  }
  return { Policy: wirePolicy(customerView(record), undefined, 'create') };
}

export async function getPolicy(
  deps: IamDeps,
  input: GetPolicyRequest,
  ctx: RequestContext,
): Promise<GetPolicyResponse> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  const view = await findPolicy(store, ctx.accountId, arn);
  if (!view) throw policyNotFound(arn);
  const usage = await usageByArn(store, ctx.accountId);
  return { Policy: wirePolicy(view, usage.get(arn), 'get') };
}

export async function deletePolicy(
  deps: IamDeps,
  input: DeletePolicyRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'DeletePolicy', arn);
  await store.transaction(async (tx) => {
    const record = await findCustomerPolicy(tx, ctx.accountId, arn);
    if (!record) throw policyNotFound(arn);
    const usage = (await usageByArn(tx, ctx.accountId)).get(arn);
    if (usage && (usage.attachments > 0 || usage.boundaries > 0)) {
      throw new DeleteConflictException('Cannot delete a policy attached to entities.');
    }
    if (record.versions.length > 1) {
      throw new DeleteConflictException(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await tx
      .collection<ManagedPolicyRecord>(POLICIES)
      .delete(iamScope(ctx.accountId), nameId(record.policyName));
  });
  return {};
}

export async function listPolicies(
  deps: IamDeps,
  input: ListPoliciesRequest,
  ctx: RequestContext,
): Promise<ListPoliciesResponse> {
  const { store } = deps;
  const [views, usage] = await Promise.all([
    allPolicies(store, ctx.accountId, input.Scope ?? 'All', awsManagedPolicies()),
    usageByArn(store, ctx.accountId),
  ]);
  const prefix = input.PathPrefix ?? '/';
  const selected = views
    .filter((view) => view.path.startsWith(prefix))
    .filter((view) => !input.OnlyAttached || (usage.get(view.arn)?.attachments ?? 0) > 0)
    .filter((view) => matchesUsageFilter(usage.get(view.arn), input.PolicyUsageFilter));
  // IAM lists policies in the order of their ids.
  const page = arrayPage(selected, input, (view) => view.policyId);
  return {
    Policies: page.items.map((view) => wirePolicy(view, usage.get(view.arn), 'list')),
    ...pagingMembers(page),
  };
}
