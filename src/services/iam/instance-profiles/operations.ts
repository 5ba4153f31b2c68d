import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  createInstanceProfile,
  getInstanceProfile,
  deleteInstanceProfile,
  listInstanceProfiles,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
  listInstanceProfilesForRole,
  tagInstanceProfile,
  untagInstanceProfile,
  listInstanceProfileTags,
} from './lifecycle.js';

export function instanceProfilesOperations(deps: IamDeps): OperationTable<IamOperations> {
  return {
    CreateInstanceProfile: (input, ctx) => createInstanceProfile(deps, input, ctx),
    GetInstanceProfile: (input, ctx) => getInstanceProfile(deps, input, ctx),
    DeleteInstanceProfile: (input, ctx) => deleteInstanceProfile(deps, input, ctx),
    ListInstanceProfiles: (input, ctx) => listInstanceProfiles(deps, input, ctx),
    AddRoleToInstanceProfile: (input, ctx) => addRoleToInstanceProfile(deps, input, ctx),
    RemoveRoleFromInstanceProfile: (input, ctx) => removeRoleFromInstanceProfile(deps, input, ctx),
    ListInstanceProfilesForRole: (input, ctx) => listInstanceProfilesForRole(deps, input, ctx),
    TagInstanceProfile: (input, ctx) => tagInstanceProfile(deps, input, ctx),
    UntagInstanceProfile: (input, ctx) => untagInstanceProfile(deps, input, ctx),
    ListInstanceProfileTags: (input, ctx) => listInstanceProfileTags(deps, input, ctx),
  };
}
