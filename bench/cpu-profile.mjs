/**
 * Where a server's CPU went during chosen stretches of a run, from the `--cpu-prof` profile
 * it wrote at exit: its busy time and the time spent inside named steps (a function and
 * everything it called). On a shared machine a step's share of the server's own busy time
 * moves far less than throughput does, so it says what a step costs whatever else runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Now on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, µs), as uv_hrtime is. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** The one profile a process wrote into `dir` (`--cpu-prof-dir`). */
export function readProfile(dir) {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one profile in ${dir}, found ${files.length}`);
  return JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
}

/**
 * `steps`: label → { functionName, file } (a suffix of the script's URL). Returns the busy
 * time (every sample but idle) and each step's time, in µs, over the samples taken within
 * `windows` ([startUs, endUs] on monotonicUs' clock). A sample counts for a step when the
 * step's function is anywhere on its stack.
 */
export function attribute(profile, windows, steps) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const matches = (node, step) =>
    node.callFrame.functionName === step.functionName && node.callFrame.url.endsWith(step.file);
  /** The labels of the steps on each node's stack, computed once per node. */
  const labelsOf = new Map();
  const labels = (id) => {
    let found = labelsOf.get(id);
    if (found) return found;
    const node = byId.get(id);
    const parent = parentOf.get(id);
    found = new Set(parent === undefined ? [] : labels(parent));
    for (const [label, step] of Object.entries(steps)) if (matches(node, step)) found.add(label);
    labelsOf.set(id, found);
    return found;
  };
  const inWindow = (us) => windows.some(([start, end]) => us >= start && us <= end);
  const totals = { busyUs: 0, steps: Object.fromEntries(Object.keys(steps).map((k) => [k, 0])) };
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample's delta is the time since the previous one: it is charged to this sample.
    if (!inWindow(at)) continue;
    const id = profile.samples[i];
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const delta = profile.timeDeltas[i] ?? 0;
    totals.busyUs += delta;
    for (const label of labels(id)) totals.steps[label] += delta;
  }
  return totals;
}
