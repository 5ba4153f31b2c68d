/**
 * Policy versions: CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions,
 * DeletePolicyVersion, SetDefaultPolicyVersion. A customer managed policy keeps at most
 * five versions; version ids count up and are never reused.
 */
import type { StoreSession } from '../../../store/types.js';
import type { IamDeps } from '../deps.js';
import { DeleteConflictException, LimitExceededException } from '../generated/errors.js';
import { isAwsManagedArn, requirePolicyArn } from './arn.js';
import { awsManagedPolicyDenied, policyNotFound, policyVersionNotFound } from './errors.js';
import { findCustomerPolicy, findPolicy, wireVersion } from './model.js';
import { arrayPage, pagingMembers } from '../listing.js';
import { checkManagedPolicyDocument } from './validate.js';
import { iamScope, nameId, POLICIES, type ManagedPolicyRecord } from '../records.js';
import type {
  CreatePolicyVersionRequest,
  CreatePolicyVersionResponse,
  DeletePolicyVersionRequest,
  GetPolicyVersionRequest,
  GetPolicyVersionResponse,
  ListPolicyVersionsRequest,
  ListPolicyVersionsResponse,
  SetDefaultPolicyVersionRequest,
} from '../generated/types.js';
import type { RequestContext } from '../../context.js';

export const MAX_POLICY_VERSIONS = 5;

function newestFirstKey(version: { versionId: string }): string {
  const number = Number.parseInt(version.versionId.slice(1), 10);
  return String(1e9 - number).padStart(10, '0');
}

/** Loads a customer policy in `tx`, lets `change` return its new state, and stores it. */
async function changePolicy<R>(
  tx: StoreSession,
  accountId: string,
  arn: string,
  change: (record: ManagedPolicyRecord) => { record: ManagedPolicyRecord; result: R },
): Promise<R> {
  const current = await findCustomerPolicy(tx, accountId, arn);
  if (!current) throw policyNotFound(arn);
  const { record, result } = change(current);
  await tx
    .collection<ManagedPolicyRecord>(POLICIES)
    .put(iamScope(accountId), nameId(record.policyName), record);
  return result;
}

export async function createPolicyVersion(
  deps: IamDeps,
  input: CreatePolicyVersionRequest,
  ctx: RequestContext,
): Promise<CreatePolicyVersionResponse> {
  const { store, clock } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'CreatePolicyVersion', arn);
  checkManagedPolicyDocument(input.PolicyDocument);
  const now = clock.now().toISOString();
  return store.transaction((tx) =>
    changePolicy(tx, ctx.accountId, arn, (record) => {
      if (record.versions.length >= MAX_POLICY_VERSIONS) {
        throw new LimitExceededException(
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        );
      }
      const version = {
        versionId: `v${record.nextVersionNumber}`,
        document: input.PolicyDocument,
        createDate: now,
      };
      const next: ManagedPolicyRecord = {
        ...record,
        versions: [...record.versions, version],
        nextVersionNumber: record.nextVersionNumber + 1,
        updateDate: now,
        defaultVersionId: input.SetAsDefault ? version.versionId : record.defaultVersionId,
      };
      return { record: next, result: { PolicyVersion: wireVersion(next, version, false) } };
    }),
  );
}

export async function getPolicyVersion(
  deps: IamDeps,
  input: GetPolicyVersionRequest,
  ctx: RequestContext,
): Promise<GetPolicyVersionResponse> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  const view = await findPolicy(store, ctx.accountId, arn);
  if (!view) throw policyNotFound(arn);
  const version = view.versions.find((v) => v.versionId === input.VersionId);
  if (!version) throw policyVersionNotFound(arn, input.VersionId);
  return { PolicyVersion: wireVersion(view, version, true) };
}

export async function listPolicyVersions(
  deps: IamDeps,
  input: ListPolicyVersionsRequest,
  ctx: RequestContext,
): Promise<ListPolicyVersionsResponse> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  const view = await findPolicy(store, ctx.accountId, arn);
  if (!view) throw policyNotFound(arn);
  // Newest first, as IAM lists them: the key counts down as version numbers go up.
  const page = arrayPage(view.versions, input, newestFirstKey);
  return {
    Versions: page.items.map((version) => wireVersion(view, version, false)),
    ...pagingMembers(page),
  };
}

export async function deletePolicyVersion(
  deps: IamDeps,
  input: DeletePolicyVersionRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'DeletePolicyVersion', arn);
  await store.transaction((tx) =>
    changePolicy(tx, ctx.accountId, arn, (record) => {
      if (input.VersionId === record.defaultVersionId) {
        throw new DeleteConflictException('Cannot delete the default version of a policy.');
      }
      if (!record.versions.some((v) => v.versionId === input.VersionId)) {
        throw policyVersionNotFound(arn, input.VersionId);
      }
      const versions = record.versions.filter((v) => v.versionId !== input.VersionId);
      return { record: { ...record, versions }, result: undefined };
    }),
  );
  return {};
}

export async function setDefaultPolicyVersion(
  deps: IamDeps,
  input: SetDefaultPolicyVersionRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const arn = requirePolicyArn(input.PolicyArn);
  if (isAwsManagedArn(arn)) throw awsManagedPolicyDenied(ctx, 'SetDefaultPolicyVersion', arn);
  await store.transaction((tx) =>
    changePolicy(tx, ctx.accountId, arn, (record) => {
      if (!record.versions.some((v) => v.versionId === input.VersionId)) {
        throw policyVersionNotFound(arn, input.VersionId);
      }
      return { record: { ...record, defaultVersionId: input.VersionId }, result: undefined };
    }),
  );
  return {};
}
