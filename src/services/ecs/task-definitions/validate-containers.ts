/**
 * RegisterTaskDefinition's container-level checks: memory against the task, port
 * mappings against the network mode, the awslogs options the ECS agent needs, what
 * Fargate needs an execution role for, and the sums over all containers.
 */
import { ClientException } from '../generated/errors.js';
import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '../generated/types.js';
import { isEcrImage } from './attributes.js';
import { requiresFargate, type TaskSize } from './validate-task.js';

/** The awslogs options without which the agent cannot ship a line, in the order ECS names them. */
const AWSLOGS_REQUIRED = ['awslogs-region', 'awslogs-group'] as const;

function validateMemory(container: ContainerDefinition, size: TaskSize): void {
  const name = container.name ?? '';
  const { memory, memoryReservation } = container;
  if (size.memory === undefined && memory === undefined && memoryReservation === undefined) {
    throw new ClientException(
      `Invalid setting for container '${name}'. ` +
        "At least one of 'memory' or 'memoryReservation' must be specified.",
    );
  }
  if (memory !== undefined && memoryReservation !== undefined && memoryReservation > memory) {
    throw new ClientException(
      `Invalid setting for container '${name}'. ` +
        "'memory' must be greater than or equal to 'memoryReservation'.",
    );
  }
  if (size.memory !== undefined && memory !== undefined && memory > size.memory)
    throw new ClientException(
      `The 'memory' setting for container '${name}' is greater than for the task.`,
    );
}

function validatePorts(container: ContainerDefinition, networkMode: string | undefined): void {
  if (networkMode !== 'awsvpc' && networkMode !== 'host') return;
  for (const mapping of container.portMappings ?? []) {
    if (mapping.hostPort !== undefined && mapping.hostPort !== mapping.containerPort) {
      throw new ClientException(
        `When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`,
      );
    }
  }
}

export function validateAwslogsOptions(options: Record<string, string> | undefined): void {
  const missing = AWSLOGS_REQUIRED.filter((key) => options?.[key] === undefined);
  if (missing.length > 0)
    throw new ClientException(`Log driver awslogs requires options: ${missing.join(', ')}`);
  for (const key of AWSLOGS_REQUIRED) {
    if (options?.[key]?.trim() === '')
      throw new ClientException(`Log driver awslogs option '${key}' should not be null or empty.`);
  }
  const createGroup = options?.['awslogs-create-group'];
  if (createGroup !== undefined && createGroup !== 'true') {
    throw new ClientException(
      "Log driver awslogs option 'awslogs-create-group' should only be set to 'true', else omit option.",
    );
  }
}

function validateExecutionNeeds(
  container: ContainerDefinition,
  input: RegisterTaskDefinitionRequest,
): void {
  if (!requiresFargate(input) || input.executionRoleArn) return;
  if (container.logConfiguration?.logDriver === 'awslogs') {
    throw new ClientException(
      'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
    );
  }
  if (isEcrImage(container.image ?? '')) {
    throw new ClientException(
      'Fargate requires task definition to have execution role ARN to support ECR images.',
    );
  }
}

function validateDependencies(containers: ContainerDefinition[]): void {
  const essential = new Map(containers.map((c) => [c.name, c.essential !== false]));
  for (const container of containers) {
    for (const dependency of container.dependsOn ?? []) {
      const strict = dependency.condition === 'SUCCESS' || dependency.condition === 'COMPLETE';
      if (strict && essential.get(dependency.containerName) === true) {
        throw new ClientException(
          'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
        );
      }
    }
  }
}

function sum(values: Array<number | undefined>): number {
  return values.reduce<number>((total, v) => total + (v ?? 0), 0);
}

export function validateContainers(input: RegisterTaskDefinitionRequest, size: TaskSize): void {
  const containers = input.containerDefinitions;
  for (const container of containers) {
    validateMemory(container, size);
    validatePorts(container, input.networkMode);
    if (container.logConfiguration?.logDriver === 'awslogs')
      validateAwslogsOptions(container.logConfiguration.options);
    validateExecutionNeeds(container, input);
  }
  if (!containers.some((c) => c.essential !== false))
    throw new ClientException("Task definition doesn't have any essential container.");
  validateDependencies(containers);
  if (size.cpu !== undefined && sum(containers.map((c) => c.cpu)) > size.cpu) {
    throw new ClientException(
      "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
    );
  }
  if (size.memory !== undefined && sum(containers.map((c) => c.memoryReservation)) > size.memory) {
    throw new ClientException(
      "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
    );
  }
}
