/**
 * A container's `dependsOn`: it starts once every dependency has met its condition (START,
 * COMPLETE, SUCCESS, HEALTHY), and never when one cannot (the reason becomes its
 * `DependencyError: …`) or the task stops first.
 */
import type { ContainerDependency } from '../generated/types.js';
import type { ContainerRun } from './container-run.js';

/** Resolves when the container may start or the task stops; rejects when it never may. */
export async function dependenciesMet(
  container: ContainerRun,
  byName: ReadonlyMap<string, ContainerRun>,
  stopRequested: Promise<unknown>,
): Promise<void> {
  const waits = (container.definition.dependsOn ?? []).map((dependency) =>
    conditionMet(dependency, byName),
  );
  await Promise.race([Promise.all(waits), stopRequested.then(() => undefined)]);
}

async function conditionMet(
  dependency: ContainerDependency,
  byName: ReadonlyMap<string, ContainerRun>,
): Promise<void> {
  const target = byName.get(dependency.containerName);
  if (!target) throw new Error(`container ${dependency.containerName} is not in the task`);
  switch (dependency.condition) {
    case 'START':
      return target.started.promise;
    case 'COMPLETE':
      await target.exited.promise;
      return;
    case 'SUCCESS': {
      const exit = await target.exited.promise;
      if (exit.exitCode !== 0) {
        throw new Error(
          `dependency ${target.name} exited with code ${exit.exitCode}; condition SUCCESS was not met`,
        );
      }
      return;
    }
    case 'HEALTHY':
      try {
        await target.healthy.promise;
      } catch {
        throw new Error(`dependency ${target.name} did not become HEALTHY`);
      }
  }
}
