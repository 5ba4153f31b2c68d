/** The secret-level part of Secrets Manager's operation table. */
import type { OperationTable } from '../../operation.js';
import type { SecretsDeps } from '../deps.js';
import type { SecretsmanagerOperations } from '../generated/types.js';
import { createSecret } from './create.js';
import { deleteSecret, restoreSecret } from './delete.js';
import { listSecrets } from './list.js';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from './policy.js';
import { describeSecret, updateSecret } from './update.js';

export function secretsOperations(deps: SecretsDeps): OperationTable<SecretsmanagerOperations> {
  return {
    CreateSecret: (input, ctx) => createSecret(deps, input, ctx),
    DescribeSecret: (input, ctx) => describeSecret(deps, input, ctx),
    UpdateSecret: (input, ctx) => updateSecret(deps, input, ctx),
    ListSecrets: (input, ctx) => listSecrets(deps, input, ctx),
    DeleteSecret: (input, ctx) => deleteSecret(deps, input, ctx),
    RestoreSecret: (input, ctx) => restoreSecret(deps, input, ctx),
    GetResourcePolicy: (input, ctx) => getResourcePolicy(deps, input, ctx),
    PutResourcePolicy: (input, ctx) => putResourcePolicy(deps, input, ctx),
    DeleteResourcePolicy: (input, ctx) => deleteResourcePolicy(deps, input, ctx),
  };
}
