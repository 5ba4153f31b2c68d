import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  createUser,
  getUser,
  listUsers,
  updateUser,
  listGroupsForUser,
  deleteUser,
} from './lifecycle.js';
import { putUserPermissionsBoundary, deleteUserPermissionsBoundary } from './boundary.js';
import { tagUser, untagUser, listUserTags } from './tags.js';
import {
  putUserPolicy,
  getUserPolicy,
  deleteUserPolicy,
  listUserPolicies,
} from './inline-policies.js';

export function usersOperations(deps: IamDeps): OperationTable<IamOperations> {
  return {
    CreateUser: (input, ctx) => createUser(deps, input, ctx),
    GetUser: (input, ctx) => getUser(deps, input, ctx),
    ListUsers: (input, ctx) => listUsers(deps, input, ctx),
    UpdateUser: (input, ctx) => updateUser(deps, input, ctx),
    ListGroupsForUser: (input, ctx) => listGroupsForUser(deps, input, ctx),
    DeleteUser: (input, ctx) => deleteUser(deps, input, ctx),
    TagUser: (input, ctx) => tagUser(deps, input, ctx),
    UntagUser: (input, ctx) => untagUser(deps, input, ctx),
    ListUserTags: (input, ctx) => listUserTags(deps, input, ctx),
    PutUserPermissionsBoundary: (input, ctx) => putUserPermissionsBoundary(deps, input, ctx),
    DeleteUserPermissionsBoundary: (input, ctx) => deleteUserPermissionsBoundary(deps, input, ctx),
    PutUserPolicy: (input, ctx) => putUserPolicy(deps, input, ctx),
    GetUserPolicy: (input, ctx) => getUserPolicy(deps, input, ctx),
    DeleteUserPolicy: (input, ctx) => deleteUserPolicy(deps, input, ctx),
    ListUserPolicies: (input, ctx) => listUserPolicies(deps, input, ctx),
  };
}
