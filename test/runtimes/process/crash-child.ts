/**
 * Run by orphans.test.ts in its own Node process (through vite-node): starts one container
 * with the state directory given as argv[2], prints its runtime id, then waits to be
 * SIGKILLed, which is the crash under test.
 */
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { launch, sh } from './fixtures.js';

const stateDir = process.argv[2];
if (!stateDir) throw new Error('usage: crash-child.ts STATE_DIR');
const runtime = createProcessRuntime({ imageMap: [], stateDir });
let ready!: () => void;
const printed = new Promise<void>((resolve) => (ready = resolve));
const container = await runtime.start(
  launch({ command: sh('echo ready; while :; do sleep 0.05; done') }),
  (_stream, line) => {
    if (line === 'ready') ready();
  },
);
await printed;
process.stdout.write(`${container.runtimeId}\n`);
setInterval(() => {}, 1 << 30);
