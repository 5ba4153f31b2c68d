/**
 * One container's process on the host: spawned as the leader of its own session and
 * process group, its stdout and stderr read line by line, its end reported once the
 * process has exited and both pipes are drained.
 *
 * The spawn is gated: what starts is `/bin/sh` waiting on a pipe from teiki, which execs
 * the container's program (same pid, same start time) only once teiki has recorded that
 * pid in its ledger. Should teiki die before that, the pipe closes and the gate exits
 * without running anything — so no program ever runs that a restart could not find.
 *
 * When the leader exits, the rest of its group is killed, as the kernel ends every process
 * of a container's pid namespace when its init exits; a background child would otherwise
 * keep the pipes open and the container would never finish. A process that escaped the
 * group (setsid) could still hold them: after DRAIN_GRACE_MS the pipes are closed anyway.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../../engine/log.js';
import type { ContainerExit, ContainerOutput, OutputStream } from '../types.js';
import { createLineSplitter } from './lines.js';
import { errnoText, spawnFailed } from './reasons.js';
import { exitCodeOf, killGroup, signalProcess } from './signals.js';

const DRAIN_GRACE_MS = 2000;

export interface SpawnSpec {
  /**
   * The program's argv; the shell execs it, so argv[0] is looked up in the environment's
   * PATH from `cwd` exactly as lookPath found it.
   */
  argv: [string, ...string[]];
  /** The name start errors mention. */
  argv0: string;
  cwd: string;
  env: Record<string, string>;
}

/**
 * The gate: wait for teiki's go on fd 3 (EOF when teiki died: exit without running the
 * program), close fd 3 so the program never sees it, then exec the program. dash exports
 * PWD when it starts; a container's environment has it only when the task sets it.
 */
function gateScript(env: Record<string, string>): string {
  return `${env.PWD === undefined ? 'unset PWD; ' : ''}read -r _ <&3 || exit 125; exec 3<&-; exec "$@"`;
}

export class HostProcess {
  /** Settles once the process has exited and its output has been delivered. */
  readonly exited: Promise<ContainerExit>;
  private stopRequested = false;
  private exitSeen = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    output: ContainerOutput,
    logger: Logger,
  ) {
    this.exited = this.follow(output, logger);
  }

  /**
   * Spawns the gate, hands its pid to `record`, then lets the program run. Throws
   * ContainerStartError when the process cannot be spawned; when `record` throws, the gate
   * is killed and its error is thrown.
   */
  static async spawn(
    spec: SpawnSpec,
    output: ContainerOutput,
    logger: Logger,
    record: (pid: number) => Promise<void>,
  ): Promise<HostProcess> {
    const child = spawn('/bin/sh', ['-c', gateScript(spec.env), spec.argv0, ...spec.argv], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      throw spawnFailed(spec.argv0, errnoText((error as NodeJS.ErrnoException).code));
    }
    // Later errors (a failed kill) are not the container's end; 'exit' still comes.
    child.on('error', (error) => logger.debug('task process error', { error }));
    const gate = child.stdio[3] as Writable;
    // The gate may be gone already (killed from outside): its exit tells the story.
    gate.on('error', () => {});
    const proc = new HostProcess(child, child.pid as number, output, logger);
    try {
      await record(proc.pid);
    } catch (error) {
      killGroup(proc.pid, 'SIGKILL');
      gate.destroy();
      await proc.exited;
      throw error;
    }
    gate.end('go\n');
    return proc;
  }

  /**
   * SIGTERM to the main process now, SIGKILL to the whole group after `timeoutSeconds`;
   * idempotent. As `docker stop`, only the main process hears SIGTERM: a `sh -c` wrapper
   * that does not forward it leaves its children to the SIGKILL, exactly as on ECS.
   */
  stop(timeoutSeconds: number): Promise<ContainerExit> {
    if (this.stopRequested || this.exitSeen) return this.exited;
    this.stopRequested = true;
    signalProcess(this.pid, 'SIGTERM');
    const timer = setTimeout(
      () => {
        if (!this.exitSeen) killGroup(this.pid, 'SIGKILL');
      },
      Math.max(0, timeoutSeconds) * 1000,
    );
    void this.exited.finally(() => clearTimeout(timer));
    return this.exited;
  }

  private follow(output: ContainerOutput, logger: Logger): Promise<ContainerExit> {
    let outputFailed = false;
    const deliver = (stream: OutputStream) => (line: string) => {
      try {
        output(stream, line);
      } catch (error) {
        if (!outputFailed) logger.error('container output callback failed', { error });
        outputFailed = true;
      }
    };
    const drained = [
      drain(this.child.stdout as Readable, deliver('stdout')),
      drain(this.child.stderr as Readable, deliver('stderr')),
    ];
    const exit = new Promise<ContainerExit>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitSeen = true;
        killGroup(this.pid, 'SIGKILL');
        resolve({ exitCode: exitCodeOf(code, signal) });
      });
    });
    return exit.then(async (result) => {
      const grace = setTimeout(() => {
        for (const d of drained) d.abandon();
      }, DRAIN_GRACE_MS);
      await Promise.all(drained.map((d) => d.done));
      clearTimeout(grace);
      return result;
    });
  }
}

/** Reads a pipe into lines until it closes, or until abandoned. */
function drain(
  stream: Readable,
  onLine: (line: string) => void,
): { done: Promise<void>; abandon: () => void } {
  const splitter = createLineSplitter(onLine);
  let finished = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = () => {
      if (finished) return;
      finished = true;
      splitter.end();
      resolve();
    };
  });
  stream.on('data', (chunk: Buffer) => splitter.push(chunk));
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  return {
    done,
    abandon: () => {
      stream.destroy();
      finish();
    },
  };
}
