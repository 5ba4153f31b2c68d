/**
 * RegisterTaskDefinition's task-level checks, with the codes and messages ECS gives.
 * The gateway has already checked what the model says (required members, enums); these
 * are the service's own rules. Container-level rules are in validate-containers.ts.
 */
import { ClientException } from '../generated/errors.js';
import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '../generated/types.js';
import { NAME_PATTERN } from './reference.js';
import { EC2_TASK_CPU, isFargateSize, parseTaskCpu, parseTaskMemory } from './units.js';

export const MAX_CONTAINERS = 10;

/** Up to 255 letters, digits, `-_:./#` and `@` (for digests), as ECS allows in an image name. */
const IMAGE_PATTERN = /^[a-zA-Z0-9_\-:./#@]{1,255}$/;

/** The task size, in CPU units and MiB, once the strings are understood. */
export interface TaskSize {
  cpu: number | undefined;
  memory: number | undefined;
}

export function requiresFargate(input: RegisterTaskDefinitionRequest): boolean {
  return input.requiresCompatibilities?.includes('FARGATE') ?? false;
}

export function validateFamily(family: string): void {
  if (family === '') throw new ClientException('Family can not be blank.');
  if (!NAME_PATTERN.test(family)) throw new ClientException('Family contains invalid characters.');
}

function validateIdentity(container: ContainerDefinition): void {
  if (!container.name) throw new ClientException('Container.name should not be null or empty.');
  if (!NAME_PATTERN.test(container.name))
    throw new ClientException('Container.name contains invalid characters.');
  if (!container.image) throw new ClientException('Container.image should not be null or empty.');
  if (!IMAGE_PATTERN.test(container.image))
    throw new ClientException('Container.image contains invalid characters.');
}

export function validateContainerList(containers: ContainerDefinition[]): void {
  if (containers.length === 0) throw new ClientException('Container list cannot be empty.');
  if (containers.length > MAX_CONTAINERS) throw new ClientException('Too many containers.');
  containers.forEach(validateIdentity);
  const names = new Set(containers.map((c) => c.name));
  if (names.size !== containers.length)
    throw new ClientException('Container names must be unique within a Task Definition.');
}

export function validateTaskSize(input: RegisterTaskDefinitionRequest): TaskSize {
  const cpu = input.cpu === undefined ? undefined : parseTaskCpu(input.cpu);
  if (input.cpu !== undefined && cpu === undefined)
    throw new ClientException("Invalid 'cpu' setting for task.");
  const memory = input.memory === undefined ? undefined : parseTaskMemory(input.memory);
  if (input.memory !== undefined && memory === undefined)
    throw new ClientException("Invalid 'memory' setting for task.");

  if (!requiresFargate(input)) {
    if (cpu !== undefined && (cpu < EC2_TASK_CPU.min || cpu > EC2_TASK_CPU.max))
      throw new ClientException("Invalid 'cpu' setting for task.");
    return { cpu, memory };
  }
  // The quotes around awsvpc are typographic in ECS's message.
  if (input.networkMode !== 'awsvpc')
    throw new ClientException('Fargate only supports network mode \u2018awsvpc\u2019.');
  if (cpu === undefined)
    throw new ClientException("Fargate requires that 'cpu' be defined at the task level.");
  if (memory === undefined)
    throw new ClientException("Fargate requires that 'memory' be defined at the task level.");
  if (!isFargateSize(cpu, memory)) {
    throw new ClientException(
      `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. ` +
        'See the Amazon ECS documentation for the valid values.',
    );
  }
  if (input.pidMode !== undefined && input.pidMode !== 'task') {
    throw new ClientException(
      `Tasks using the Fargate launch type do not support pidMode '${input.pidMode}'. ` +
        "The supported value for pidMode is 'task'.",
    );
  }
  const storage = input.ephemeralStorage?.sizeInGiB;
  if (storage !== undefined && storage < 21)
    throw new ClientException('EphemeralStorage size should be at least 21');
  if (storage !== undefined && storage > 200)
    throw new ClientException('EphemeralStorage size should be at most 200');
  return { cpu, memory };
}
