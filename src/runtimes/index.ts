/** The runtime `--runtime` names, built from the options. */
import { join } from 'node:path';
import type { TeikiOptions } from '../config.js';
import type { Logger } from '../engine/log.js';
import { createDockerRuntime } from './docker/runtime.js';
import { createProcessRuntime } from './process/runtime.js';
import type { Runtime } from './types.js';

export function createRuntime(options: TeikiOptions, logger: Logger): Runtime {
  switch (options.runtime) {
    case 'process':
      return createProcessRuntime({
        imageMap: options.imageMap,
        // Without a data directory the ledger lives in a per-user directory (state-dir.ts), so
        // the next teiki still finds the processes of an in-memory one that was killed.
        ...(options.inMemory ? {} : { stateDir: join(options.dataDir, 'runtime', 'process') }),
        logger: logger.child({ component: 'process-runtime' }),
      });
    case 'docker':
      // No engine is contacted here: the first call (cleanupOrphans, at start-up) connects
      // and fails teiki's start with a message naming the address when none answers.
      return createDockerRuntime({
        imageMap: options.imageMap,
        network: options.dockerNetwork,
        ...(options.inMemory ? {} : { stateDir: join(options.dataDir, 'runtime', 'docker') }),
        logger: logger.child({ component: 'docker-runtime' }),
      });
  }
}

/**
 * The address a runtime's tasks reach teiki at: `--task-host` when given, else the
 * runtime's own; none when the runtime's tasks have no network to reach it by.
 */
export async function taskAddressOf(
  options: Pick<TeikiOptions, 'taskHost'>,
  runtime: Runtime,
): Promise<string | undefined> {
  const own = await runtime.hostAddress();
  return own === undefined ? undefined : (options.taskHost ?? own);
}
