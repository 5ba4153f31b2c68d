import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  createRole,
  getRole,
  listRoles,
  updateRole,
  updateRoleDescription,
  updateAssumeRolePolicy,
  deleteRole,
} from './lifecycle.js';
import { tagRole, untagRole, listRoleTags } from './tags.js';
import { putRolePermissionsBoundary, deleteRolePermissionsBoundary } from './boundary.js';
import {
  putRolePolicy,
  getRolePolicy,
  deleteRolePolicy,
  listRolePolicies,
} from './inline-policies.js';

export function rolesOperations(deps: IamDeps): OperationTable<IamOperations> {
  return {
    CreateRole: (input, ctx) => createRole(deps, input, ctx),
    GetRole: (input, ctx) => getRole(deps, input, ctx),
    ListRoles: (input, ctx) => listRoles(deps, input, ctx),
    UpdateRole: (input, ctx) => updateRole(deps, input, ctx),
    UpdateRoleDescription: (input, ctx) => updateRoleDescription(deps, input, ctx),
    UpdateAssumeRolePolicy: (input, ctx) => updateAssumeRolePolicy(deps, input, ctx),
    DeleteRole: (input, ctx) => deleteRole(deps, input, ctx),
    TagRole: (input, ctx) => tagRole(deps, input, ctx),
    UntagRole: (input, ctx) => untagRole(deps, input, ctx),
    ListRoleTags: (input, ctx) => listRoleTags(deps, input, ctx),
    PutRolePermissionsBoundary: (input, ctx) => putRolePermissionsBoundary(deps, input, ctx),
    DeleteRolePermissionsBoundary: (input, ctx) => deleteRolePermissionsBoundary(deps, input, ctx),
    PutRolePolicy: (input, ctx) => putRolePolicy(deps, input, ctx),
    GetRolePolicy: (input, ctx) => getRolePolicy(deps, input, ctx),
    DeleteRolePolicy: (input, ctx) => deleteRolePolicy(deps, input, ctx),
    ListRolePolicies: (input, ctx) => listRolePolicies(deps, input, ctx),
  };
}
