import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { collector, launch, sh } from './fixtures.js';

const runtime = createProcessRuntime({ imageMap: [] });
afterAll(() => runtime.close());

async function run(script: string) {
  const output = collector();
  const container = await runtime.start(launch({ command: sh(script) }), output);
  const exit = await container.exited;
  return { exit, output };
}

describe('process runtime: output', () => {
  it.each([
    { name: 'lines ended by \\n', script: "printf 'a\\nb\\n'", want: ['a', 'b'] },
    { name: 'lines ended by \\r\\n', script: "printf 'a\\r\\nb\\r\\n'", want: ['a', 'b'] },
    { name: 'a last line without terminator', script: "printf 'a\\nlast'", want: ['a', 'last'] },
    { name: 'only a partial line', script: "printf 'partial'", want: ['partial'] },
    { name: 'empty lines kept', script: "printf 'a\\n\\nb\\n'", want: ['a', '', 'b'] },
    { name: 'a lone \\r stays inside a line', script: "printf 'a\\rb\\n'", want: ['a\rb'] },
    { name: 'no output', script: 'true', want: [] },
    { name: 'UTF-8 text', script: "printf '定期 ✓\\n'", want: ['定期 ✓'] },
  ])('$name', async ({ script, want }) => {
    const { output } = await run(script);
    expect(output.stdout()).toEqual(want);
  });

  it('keeps stdout and stderr apart', async () => {
    const { output } = await run("echo out; echo err >&2; printf 'tail-err' >&2");
    expect(output.stdout()).toEqual(['out']);
    expect(output.stderr()).toEqual(['err', 'tail-err']);
  });

  it('delivers lines as they come, before the process exits', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({ command: sh('echo first; while :; do sleep 0.05; done') }),
      output,
    );
    expect(await output.waitFor('first')).toBe('first');
    expect(await container.stop(5)).toEqual({ exitCode: 143 });
  });

  it('loses no line of a 300,000-line burst on each stream', async () => {
    const { exit, output } = await run('seq 1 300000 & seq 1 300000 >&2; wait');
    expect(exit.exitCode).toBe(0);
    const expected = Array.from({ length: 300000 }, (_, i) => String(i + 1));
    // Compared as strings: a 300,000-element toEqual diff would be unreadable on failure.
    expect(output.stdout().join(',')).toBe(expected.join(','));
    expect(output.stderr().join(',')).toBe(expected.join(','));
  });

  it('delivers output printed just before a kill', async () => {
    const { exit, output } = await run("printf 'x\\ny'; kill -KILL $$");
    expect(exit.exitCode).toBe(137);
    expect(output.stdout()).toEqual(['x', 'y']);
  });
});
