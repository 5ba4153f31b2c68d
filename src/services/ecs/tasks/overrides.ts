/** RunTask's `overrides`: checked against the task definition, as ECS checks them. */
import { InvalidParameterException } from '../generated/errors.js';
import type { TaskOverride } from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';

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
  return {
    cpu: overrides.cpu ?? definition.cpu ?? '',
    memory: overrides.memory ?? definition.memory ?? '',
  };
}
