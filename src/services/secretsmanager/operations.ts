/** The Secrets Manager operation table (`secretsmanager`), one area per folder. */
import type { OperationTable } from '../operation.js';
import type { SecretsDeps } from './deps.js';
import type { SecretsmanagerOperations } from './generated/types.js';
import { getRandomPassword } from './password/random-password.js';
import { secretsOperations } from './secrets/operations.js';
import { tagsOperations } from './tags/operations.js';
import { versionsOperations } from './versions/operations.js';

export function createSecretsManagerOperations(
  deps: SecretsDeps,
): OperationTable<SecretsmanagerOperations> {
  return {
    ...secretsOperations(deps),
    ...versionsOperations(deps),
    ...tagsOperations(deps),
    GetRandomPassword: (input, ctx) => getRandomPassword(input, ctx),
  };
}
