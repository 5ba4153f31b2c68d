/** The version-level part of Secrets Manager's operation table. */
import type { OperationTable } from '../../operation.js';
import type { SecretsDeps } from '../deps.js';
import type { SecretsmanagerOperations } from '../generated/types.js';
import { batchGetSecretValue, getSecretValue } from './get.js';
import { listSecretVersionIds } from './list.js';
import { putSecretValue } from './put.js';
import { updateSecretVersionStage } from './stages.js';

export function versionsOperations(deps: SecretsDeps): OperationTable<SecretsmanagerOperations> {
  return {
    GetSecretValue: (input, ctx) => getSecretValue(deps, input, ctx),
    BatchGetSecretValue: (input, ctx) => batchGetSecretValue(deps, input, ctx),
    PutSecretValue: (input, ctx) => putSecretValue(deps, input, ctx),
    ListSecretVersionIds: (input, ctx) => listSecretVersionIds(deps, input, ctx),
    UpdateSecretVersionStage: (input, ctx) => updateSecretVersionStage(deps, input, ctx),
  };
}
