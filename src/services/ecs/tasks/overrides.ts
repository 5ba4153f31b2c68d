/** RunTask's `overrides`: checked against the task definition, as ECS checks them. */
import { InvalidParameterException } from '../generated/errors.js';
import type { TaskOverride } from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';
import { isFargateSize, parseTaskCpu, parseTaskMemory } from '../task-definitions/units.js';

export function checkOverrides(
  definition: TaskDefinitionRecord['definition'],
  overrides: TaskOverride,
): { cpu: string; memory: string } {
  const names = new Set((definition.containerDefinitions ?? []).map((c) => c.name));
  for (const override of overrides.containerOverrides ?? []) {
    if (override.name === undefined || !names.has(override.name)) {
      throw new InvalidParameterException(
        `Override for container named ${override.name ?? 'null'} is not a container in the TaskDefinition.`,
      );
    }
    for (const [field, value] of [
      ['cpu', override.cpu],
      ['memory', override.memory],
      ['memoryReservation', override.memoryReservation],
    ] as const) {
      if (value !== undefined && value < 0) {
        throw new InvalidParameterException(
          `Container Overrides ${field} should be a non-negative value.`,
        );
      }
    }
  }
  if (overrides.cpu === undefined && overrides.memory === undefined) {
    return { cpu: definition.cpu ?? '', memory: definition.memory ?? '' };
  }
  // A task-level override must still be a size Fargate offers, as at registration.
  const cpu = parseTaskCpu(overrides.cpu ?? definition.cpu ?? '');
  if (cpu === undefined) throw new InvalidParameterException("Invalid 'cpu' setting for task.");
  const memory = parseTaskMemory(overrides.memory ?? definition.memory ?? '');
  if (memory === undefined) {
    throw new InvalidParameterException("Invalid 'memory' setting for task.");
  }
  if (!isFargateSize(cpu, memory)) {
    throw new InvalidParameterException(
      `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. ` +
        'See the Amazon ECS documentation for the valid values.',
    );
  }
  return { cpu: String(cpu), memory: String(memory) };
}
