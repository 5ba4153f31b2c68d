/**
 * Lookups in a service schema that every codec needs: shapes by name, and what the model
 * says about an error code (its shape, status, fault and the spelling of its message).
 */
import type { ServiceSchema, Shape, StructureShape } from '../schema/types.js';
import type { ServiceError } from '../../services/error.js';

export function shapeOf(schema: ServiceSchema, name: string): Shape {
  const shape = schema.shapes[name];
  // A dangling reference is a bug in the generated schema, not bad input.
  if (!shape) throw new Error(`schema ${schema.name} has no shape ${name}`);
  return shape;
}

export function structureOf(schema: ServiceSchema, name: string): StructureShape {
  const shape = shapeOf(schema, name);
  if (shape.type !== 'structure')
    throw new Error(`schema ${schema.name}: shape ${name} is not a structure`);
  return shape;
}

/**
 * Smithy document types (ECS `HookDetails`) are structures marked `document` in botocore's
 * model; the schema type does not spell the flag out, so it is read loosely.
 */
export function isDocument(shape: Shape): boolean {
  return shape.type === 'structure' && shape.document === true;
}

export function operationInput(
  schema: ServiceSchema,
  operation: string,
): StructureShape | undefined {
  const name = schema.operations[operation]?.input;
  return name === undefined ? undefined : structureOf(schema, name);
}

export function operationOutput(
  schema: ServiceSchema,
  operation: string,
): StructureShape | undefined {
  const name = schema.operations[operation]?.output;
  return name === undefined ? undefined : structureOf(schema, name);
}

const errorShapes = new WeakMap<ServiceSchema, Map<string, StructureShape>>();

/** The error shape whose wire code (`error.code`, else its name) is `code`. */
export function errorShapeFor(schema: ServiceSchema, code: string): StructureShape | undefined {
  let byCode = errorShapes.get(schema);
  if (!byCode) {
    byCode = new Map();
    for (const [name, shape] of Object.entries(schema.shapes)) {
      if (shape.type !== 'structure' || !shape.exception) continue;
      byCode.set(shape.error?.code ?? name, shape);
      // A service may also throw by shape name where the wire code differs (IAM's
      // NoSuchEntityException has code NoSuchEntity); the code spelling wins.
      if (!byCode.has(name)) byCode.set(name, shape);
    }
    errorShapes.set(schema, byCode);
  }
  return byCode.get(code);
}

/**
 * The member that carries an error's message: as the error shape declares it (some
 * services say `message`, some `Message`), else as most of the service's errors do.
 */
export function messageMember(schema: ServiceSchema, code: string): string {
  const declared = errorShapeFor(schema, code);
  const own = declared && findMessageMember(declared);
  return own ?? conventionOf(schema);
}

const conventions = new WeakMap<ServiceSchema, string>();

function conventionOf(schema: ServiceSchema): string {
  let convention = conventions.get(schema);
  if (convention === undefined) {
    const counts = new Map<string, number>();
    for (const shape of Object.values(schema.shapes)) {
      const found =
        shape.type === 'structure' && shape.exception ? findMessageMember(shape) : undefined;
      if (found) counts.set(found, (counts.get(found) ?? 0) + 1);
    }
    convention = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'message';
    conventions.set(schema, convention);
  }
  return convention;
}

function findMessageMember(shape: StructureShape): string | undefined {
  return Object.keys(shape.members).find((name) => name.toLowerCase() === 'message');
}

/** The status and fault to render: the model's, when it declares the error, else the error's own. */
export function errorDisposition(
  schema: ServiceSchema,
  error: ServiceError,
): { status: number; fault: 'sender' | 'receiver' } {
  const shape = errorShapeFor(schema, error.code);
  const status = shape?.error?.httpStatusCode ?? error.status;
  if (!shape) return { status, fault: error.fault };
  const receiver = shape.fault === true || (shape.error?.senderFault !== true && status >= 500);
  return { status, fault: receiver ? 'receiver' : 'sender' };
}

export function capitalize(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}
