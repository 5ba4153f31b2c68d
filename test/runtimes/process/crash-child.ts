/**
 * Run by orphans.test.ts in its own Node process (through vite-node), then SIGKILLed: the
 * crash under test. `argv[2]` is the state directory, `argv[3]` the mode:
 *
 * - `running`: starts three containers (a plain loop, one that ignores SIGTERM, one whose
 *   leader exits leaving two background children in its session), prints a JSON line
 *   `{"pids": [...], "children": [...]}` once all run.
 * - `unrecorded`: spawns a gated process whose ledger record never completes (the kill
 *   lands between spawn and record), prints `{"gate": PID}`; the program would create
 *   the file `argv[4]`.
 */
import { HostProcess } from '../../../src/runtimes/process/host-process.js';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { silentLogger } from '../../../src/engine/log.js';
import { collector, launch, pidOf, sh } from './fixtures.js';

const [, , stateDir, mode, marker] = process.argv;
if (!stateDir || !mode) throw new Error('usage: crash-child.ts STATE_DIR MODE [MARKER]');

if (mode === 'running') {
  const runtime = createProcessRuntime({ imageMap: [], stateDir });
  const outputs = [collector(), collector(), collector()];
  const containers = [
    await runtime.start(
      launch({ command: sh('echo ready; while :; do sleep 0.05; done') }),
      outputs[0]!,
    ),
    await runtime.start(
      launch({ command: sh('trap "" TERM; echo ready; while :; do sleep 0.05; done') }),
      outputs[1]!,
    ),
    // The leader stays until told (stdin is /dev/null, so `read` would not wait): it
    // prints its children's pids and sleeps; the test kills it to leave them alone.
    await runtime.start(
      launch({ command: sh('sleep 1000 & a=$!; sleep 1000 & echo "children $a $!"; wait') }),
      outputs[2]!,
    ),
  ];
  await Promise.all([outputs[0]!.waitFor('ready'), outputs[1]!.waitFor('ready')]);
  const children = (await outputs[2]!.waitFor(/^children /)).split(' ').slice(1).map(Number);
  process.stdout.write(JSON.stringify({ pids: containers.map(pidOf), children }) + '\n');
} else if (mode === 'unrecorded') {
  await HostProcess.spawn(
    {
      argv: ['sh', '-c', `touch ${marker}; sleep 1000`],
      argv0: 'sh',
      cwd: '/',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    },
    () => {},
    silentLogger,
    (pid) => {
      process.stdout.write(JSON.stringify({ gate: pid }) + '\n');
      return new Promise(() => {});
    },
  );
}
setInterval(() => {}, 1 << 30);
