import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import { createPolicy, getPolicy, deletePolicy, listPolicies } from './lifecycle.js';
import {
  createPolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  deletePolicyVersion,
  setDefaultPolicyVersion,
} from './versions.js';
import { tagPolicy, untagPolicy, listPolicyTags } from './tags.js';
import {
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
  attachUserPolicy,
  detachUserPolicy,
  listAttachedUserPolicies,
  listEntitiesForPolicy,
} from './attachments.js';

export function policiesOperations(deps: IamDeps): OperationTable<IamOperations> {
  return {
    CreatePolicy: (input, ctx) => createPolicy(deps, input, ctx),
    GetPolicy: (input, ctx) => getPolicy(deps, input, ctx),
    DeletePolicy: (input, ctx) => deletePolicy(deps, input, ctx),
    ListPolicies: (input, ctx) => listPolicies(deps, input, ctx),
    CreatePolicyVersion: (input, ctx) => createPolicyVersion(deps, input, ctx),
    GetPolicyVersion: (input, ctx) => getPolicyVersion(deps, input, ctx),
    ListPolicyVersions: (input, ctx) => listPolicyVersions(deps, input, ctx),
    DeletePolicyVersion: (input, ctx) => deletePolicyVersion(deps, input, ctx),
    SetDefaultPolicyVersion: (input, ctx) => setDefaultPolicyVersion(deps, input, ctx),
    TagPolicy: (input, ctx) => tagPolicy(deps, input, ctx),
    UntagPolicy: (input, ctx) => untagPolicy(deps, input, ctx),
    ListPolicyTags: (input, ctx) => listPolicyTags(deps, input, ctx),
    AttachRolePolicy: (input, ctx) => attachRolePolicy(deps, input, ctx),
    DetachRolePolicy: (input, ctx) => detachRolePolicy(deps, input, ctx),
    ListAttachedRolePolicies: (input, ctx) => listAttachedRolePolicies(deps, input, ctx),
    AttachUserPolicy: (input, ctx) => attachUserPolicy(deps, input, ctx),
    DetachUserPolicy: (input, ctx) => detachUserPolicy(deps, input, ctx),
    ListAttachedUserPolicies: (input, ctx) => listAttachedUserPolicies(deps, input, ctx),
    ListEntitiesForPolicy: (input, ctx) => listEntitiesForPolicy(deps, input, ctx),
  };
}
