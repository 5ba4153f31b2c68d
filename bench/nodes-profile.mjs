/**
 * Where two nodes on one PostgreSQL spend their CPU while they fire: bench/nodes.mjs's
 * firings with `--cpu-prof` on both nodes, and the samples taken during the clock's move
 * alone (not the start or the rules' creation) summed over both, per function: self time
 * (the function's own code and the builtins it inlines) and inclusive time, as a share of
 * the samples and in µs per firing (that share of the nodes' CPU per firing from /proc).
 * Samples are counted, not weighted by their time deltas: on a loaded machine a delta
 * includes the time the thread waited for a core, which lands on whatever was sampled.
 * On a shared machine a function's share moves far less than the run's total does, so
 * two builds compare function by function.
 *
 *   node bench/nodes-profile.mjs DIR [TOP]     profiles into DIR (emptied first)
 *
 * BENCH_NODES_RULES and BENCH_NODES_MINUTES as in nodes.mjs; BENCH_PEER='teiki
 * (baseline)' with BENCH_BASELINE profiles another build.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { firings } from './nodes.mjs';
import { postgresSchema, startCluster } from './stores.mjs';

const [dir, top = '40'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/nodes-profile.mjs DIR [TOP]');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const cluster = startCluster((line) => console.error(line));
let run;
try {
  const schema = await postgresSchema(cluster.url, 1);
  try {
    run = await firings(schema.url, 2, {
      postgresDir: join(cluster.dir, 'data'),
      peer: process.env.BENCH_PEER ?? 'teiki',
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200'],
    });
  } finally {
    await schema.drop();
  }
} finally {
  cluster.stop();
}

const firingsDone =
  Number(process.env.BENCH_NODES_RULES ?? 200) * Number(process.env.BENCH_NODES_MINUTES ?? 10);
const [from, to] = run.moveUs;
const self = new Map();
const inclusive = new Map();
let busy = 0;
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const name = ({ callFrame: f }) =>
    `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) continue;
    const node = byId.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') continue;
    busy += 1;
    add(self, name(node), 1);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parentOf.get(id)) {
      const key = name(byId.get(id));
      if (!seen.has(key)) add(inclusive, key, 1);
      seen.add(key);
    }
  }
}
const share = (samples) => samples / busy;
const table = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .map(
      ([key, samples]) =>
        `${(100 * share(samples)).toFixed(1).padStart(5)} %  ` +
        `${(share(samples) * run.cpuUs).toFixed(1).padStart(6)} µs  ${key}`,
    )
    .join('\n');
console.log(
  `${firingsDone} firings: nodes ${run.cpuUs.toFixed(0)} µs per firing (/proc), PostgreSQL ` +
    `${run.postgresCpuUs.toFixed(0)} µs; ${busy} busy samples`,
);
console.log(`\nself: share of samples, µs per firing\n${table(self)}`);
console.log(`\ninclusive: share of samples, µs per firing\n${table(inclusive)}`);
