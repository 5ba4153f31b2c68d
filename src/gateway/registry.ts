import type { ServiceSchema } from './schema/types.js';
import type { AnyAuthorize } from '../services/authorization/permission.js';
import type { AnyOperation } from '../services/operation.js';

/**
 * A service as the gateway sees it: its model, the operations teiki implements and, for
 * each, what it needs permission for (evaluated under `--auth enforce`).
 */
export interface RegisteredService {
  schema: ServiceSchema;
  operations: Readonly<Record<string, AnyOperation>>;
  authorization: Readonly<Record<string, AnyAuthorize>>;
}

/** Finds the service a request is for, by each of the ways AWS clients name one. */
export class ServiceRegistry {
  private readonly services = new Map<string, RegisteredService>();

  register(schema: ServiceSchema, operations: object, authorization: object = {}): void {
    if (this.services.has(schema.name)) throw new Error(`Service ${schema.name} registered twice`);
    for (const name of Object.keys(operations)) {
      if (!schema.operations[name])
        throw new Error(`${schema.name} implements ${name}, which its model lacks`);
    }
    this.services.set(schema.name, {
      schema,
      operations: operations as Record<string, AnyOperation>,
      authorization: authorization as Record<string, AnyAuthorize>,
    });
  }

  all(): RegisteredService[] {
    return [...this.services.values()];
  }

  byName(name: string): RegisteredService | undefined {
    return this.services.get(name);
  }

  byTargetPrefix(prefix: string): RegisteredService | undefined {
    return this.all().find((s) => s.schema.targetPrefix === prefix);
  }

  bySigningName(name: string): RegisteredService | undefined {
    return this.all().find(
      (s) => s.schema.signingName === name || s.schema.endpointPrefix === name,
    );
  }

  /** Query and EC2 services: by the `Version` parameter, else by which model has the action. */
  byQueryAction(action: string, version: string | undefined): RegisteredService | undefined {
    const formServices = this.all().filter(
      (s) => s.schema.protocol === 'query' || s.schema.protocol === 'ec2',
    );
    if (version) {
      const byVersion = formServices.find((s) => s.schema.apiVersion === version);
      if (byVersion) return byVersion;
    }
    return formServices.find(
      (s) =>
        s.schema.operations[action] !== undefined ||
        s.schema.omittedOperations?.includes(action) === true,
    );
  }
}
