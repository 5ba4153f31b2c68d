/**
 * The in-process operation caller the targets use (src/triggers/operation-caller.ts):
 * the service and operation found in the registry, the JSON read as the JSON protocols
 * read a body (every member, whatever its HTTP binding, since nothing travels over HTTP
 * here), validated with the service's own messages, then dispatched. A service without
 * the operation answers as the gateway does: "teiki does not implement …". The caller is
 * authorized as the gateway authorizes one, by the service's authorization table.
 */
import type { CallerAuthorizer } from '../services/authorization/authorizer.js';
import { ServiceError } from '../services/error.js';
import type { OperationCaller } from '../triggers/operation-caller.js';
import { readJson } from './protocols/json-decode.js';
import { shapeOf } from './protocols/model.js';
import type { ServiceRegistry } from './registry.js';
import type { MemberRef, ServiceSchema } from './schema/types.js';
import { validationFailure } from './validate.js';

/**
 * The document with its keys spelt as the model's wire names, matched without regard to
 * the case of the first letter (`Cluster` and `cluster` both name ECS's `cluster`).
 */
function normalized(schema: ServiceSchema, ref: MemberRef, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const shape = shapeOf(schema, ref.shape);
  if (shape.type === 'list' && Array.isArray(value)) {
    return value.map((item) => normalized(schema, shape.member, item));
  }
  if (shape.type === 'map' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, normalized(schema, shape.value, item)]),
    );
  }
  if (shape.type !== 'structure' || shape.document || Array.isArray(value)) return value;
  const byLowerFirst = new Map<string, [string, MemberRef]>();
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = member.locationName ?? name;
    for (const spelling of [name, wire]) {
      byLowerFirst.set(spelling.charAt(0).toLowerCase() + spelling.slice(1), [wire, member]);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const found = byLowerFirst.get(key.charAt(0).toLowerCase() + key.slice(1));
    if (found) out[found[0]] = normalized(schema, found[1], item);
  }
  return out;
}

export function createInProcessCaller(
  registry: ServiceRegistry,
  authorizer: CallerAuthorizer,
): OperationCaller {
  return {
    async call({ service: name, operation, document, ctx }) {
      const service = registry.byName(name);
      if (!service) throw new Error(`teiki has no ${name} service`);
      const implementation = service.operations[operation];
      if (!implementation) {
        throw new ServiceError({
          code: 'UnknownOperationException',
          message: `teiki does not implement ${service.schema.signingName}:${operation} yet.`,
        });
      }
      const shapeName = service.schema.operations[operation]?.input;
      let input: Record<string, unknown> = {};
      if (shapeName) {
        const ref = { shape: shapeName };
        const read = readJson(service.schema, ref, normalized(service.schema, ref, document ?? {}));
        input = (read ?? {}) as Record<string, unknown>;
        const invalid = validationFailure(service.schema, shapeName, input);
        if (invalid) throw invalid;
      }
      // A target acts as its role in every auth mode: the role is the user's configuration.
      await authorizer.authorize({
        service: service.schema.name,
        actionPrefix: service.schema.signingName,
        operation,
        table: service.authorization,
        input,
        ctx,
      });
      return implementation(input, ctx);
    },
  };
}
