import type { OperationTable } from '../../operation.js';
import type { IamDeps } from '../deps.js';
import type { IamOperations } from '../generated/types.js';
import {
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
} from './lifecycle.js';

export function accessKeysOperations(deps: IamDeps): OperationTable<IamOperations> {
  return {
    CreateAccessKey: (input, ctx) => createAccessKey(deps, input, ctx),
    ListAccessKeys: (input, ctx) => listAccessKeys(deps, input, ctx),
    UpdateAccessKey: (input, ctx) => updateAccessKey(deps, input, ctx),
    DeleteAccessKey: (input, ctx) => deleteAccessKey(deps, input, ctx),
    GetAccessKeyLastUsed: (input, ctx) => getAccessKeyLastUsed(deps, input, ctx),
  };
}
