/**
 * Container health checks run by teiki through the exec API, not by the engine. Podman
 * runs its health checks from systemd timers, so without systemd (CI, most containers)
 * they never run; Docker runs them but only reports them when asked. Running the probe
 * ourselves behaves the same on every engine and reports each change at once. The rules
 * live in ../health-monitor.ts; an exec the engine refused counts as a failed probe.
 *
 * A probe past its timeout counts as failed and its stream is dropped; unlike dockerd,
 * the API gives no way to kill the probe's process, which ends when it ends.
 */
import type { ProbeRunner } from '../health-monitor.js';
import type { DockerEngine } from './engine.js';
import { endedAlready } from './http.js';

/** One probe as an exec in the container: true when it exits 0 within the timeout. */
export function execProbe(engine: DockerEngine, containerId: string): ProbeRunner {
  return (argv, timeoutMs) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const done = (async () => {
      try {
        const execId = await engine.createExec(containerId, argv);
        const stream = await engine.startExec(execId, controller.signal);
        await new Promise<void>((resolve) => {
          // The probe's output is not kept (ECS shows none of it); reading drains it.
          stream.resume();
          stream.once('end', resolve);
          stream.once('close', resolve);
          stream.once('error', () => resolve());
          if (endedAlready(stream)) resolve();
          const abort = () => {
            stream.destroy();
            resolve();
          };
          if (controller.signal.aborted) abort();
          else controller.signal.addEventListener('abort', abort, { once: true });
        });
        // The stream can close a moment before the engine has recorded the exit code.
        for (let attempt = 0; attempt < 50 && !controller.signal.aborted; attempt++) {
          const result = await engine.inspectExec(execId);
          if (result.Running !== true) return result.ExitCode === 0;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return false;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    })();
    return { done, cancel: () => controller.abort() };
  };
}
