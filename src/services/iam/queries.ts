/** IAM's read model: how many roles an account has, without paging through ListRoles. */
import type { StoreSession } from '../../store/types.js';
import { ROLES, iamScope } from './records.js';

export class IamQueries {
  constructor(private readonly store: StoreSession) {}

  countRoles(accountId: string): Promise<number> {
    return this.store.collection(ROLES).count(iamScope(accountId));
  }
}
