/**
 * Every AWS service teiki serves, registered with the gateway: each service's generated
 * schema and the operations it implements. A service not yet implemented is still
 * registered, so its requests are recognised and get a clear "not implemented" answer.
 */
import type { TeikiOptions } from '../cli/options.js';
import type { Clock } from '../engine/clock/types.js';
import { ec2Schema } from '../gateway/generated/ec2.js';
import { ecsSchema } from '../gateway/generated/ecs.js';
import { eventsSchema } from '../gateway/generated/events.js';
import { iamSchema } from '../gateway/generated/iam.js';
import { logsSchema } from '../gateway/generated/logs.js';
import { schedulerSchema } from '../gateway/generated/scheduler.js';
import { stsSchema } from '../gateway/generated/sts.js';
import type { CredentialSource } from '../gateway/identity.js';
import type { ServiceRegistry } from '../gateway/registry.js';
import type { Store } from '../store/types.js';
import { createEc2Operations } from './ec2/operations.js';
import { createEcsOperations } from './ecs/operations.js';
import { iamCredentialSource } from './iam/access-key-records.js';
import { createIamOperations } from './iam/operations.js';
import { iamRoleDirectory } from './iam/role-directory.js';
import { createLogsOperations } from './logs/operations.js';
import { CredentialIssuer } from './sts/credentials.js';
import { createStsOperations } from './sts/operations.js';

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  options: TeikiOptions;
}

export interface RegisteredServices {
  /** Where the gateway looks up access keys the services issued. */
  credentialSources: CredentialSource[];
}

export function registerServices(registry: ServiceRegistry, deps: ServiceDeps): RegisteredServices {
  const issuer = new CredentialIssuer(deps.store, deps.clock);
  registry.register(
    stsSchema,
    createStsOperations({
      issuer,
      roles: iamRoleDirectory(deps.store),
      clock: deps.clock,
      allowUnknownRoles: deps.options.auth === 'open',
      checkTrust: deps.options.auth === 'enforce',
    }),
  );
  registry.register(iamSchema, createIamOperations({ store: deps.store, clock: deps.clock }));
  registry.register(ec2Schema, createEc2Operations({ store: deps.store, clock: deps.clock }));
  registry.register(ecsSchema, createEcsOperations({ store: deps.store, clock: deps.clock }));
  registry.register(logsSchema, createLogsOperations({ store: deps.store, clock: deps.clock }));
  for (const schema of [eventsSchema, schedulerSchema]) {
    registry.register(schema, {});
  }
  return {
    credentialSources: [
      (accessKeyId) => issuer.lookup(accessKeyId),
      iamCredentialSource(deps.store),
    ],
  };
}
