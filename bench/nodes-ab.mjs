/**
 * Two builds' CPU per firing side by side, two nodes on one PostgreSQL (bench/nodes.mjs's
 * firings), in alternating pairs: this checkout (B) and BENCH_BASELINE's (A, a built
 * checkout), A first in odd pairs and B first in even ones, so a drift of the shared
 * machine's load falls on both. CPU per firing, the nodes' and PostgreSQL's, is the
 * figure: throughput moves with whatever else runs.
 *
 *   BENCH_BASELINE=/path/to/built/checkout node bench/nodes-ab.mjs [pairs]
 *
 * BENCH_BASELINE set to this checkout is an A/A control: the spread a change must beat.
 * BENCH_NODES_RULES and BENCH_NODES_MINUTES as in nodes.mjs (12 minutes by default here).
 */
import { join } from 'node:path';
import { firings } from './nodes.mjs';
import { fmt, median } from './peers.mjs';
import { postgresSchema, startCluster } from './stores.mjs';

if (!process.env.BENCH_BASELINE) throw new Error('BENCH_BASELINE: a built checkout to compare');
const PAIRS = Number(process.argv[2] ?? 5);
const log = (line) => console.error(line);

const cluster = startCluster(log);
const postgresDir = join(cluster.dir, 'data');
const runs = { A: [], B: [] };
try {
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const build of pair % 2 === 1 ? ['A', 'B'] : ['B', 'A']) {
      const schema = await postgresSchema(cluster.url, pair * 10 + (build === 'A' ? 1 : 2));
      try {
        const peer = build === 'A' ? 'teiki (baseline)' : 'teiki';
        const run = await firings(schema.url, 2, { postgresDir, peer });
        runs[build].push(run);
        log(
          `pair ${pair} ${build}: ${fmt(run.rate)} firings/s, nodes ${fmt(run.cpuUs)} µs, ` +
            `PostgreSQL ${fmt(run.postgresCpuUs)} µs, total ${fmt(run.cpuUs + run.postgresCpuUs)} µs`,
        );
      } finally {
        await schema.drop();
      }
    }
  }
} finally {
  cluster.stop();
}
const summary = (label, pick) =>
  `${label}: A ${runs.A.map(pick).map(fmt).join(' ')} (median ${fmt(median(runs.A.map(pick)))}); ` +
  `B ${runs.B.map(pick).map(fmt).join(' ')} (median ${fmt(median(runs.B.map(pick)))}); ` +
  `B < A in ${runs.B.filter((b, i) => pick(b) < pick(runs.A[i])).length} of ${PAIRS} pairs`;
console.log(summary('nodes µs/firing', (r) => r.cpuUs));
console.log(summary('PostgreSQL µs/firing', (r) => r.postgresCpuUs));
console.log(summary('total µs/firing', (r) => r.cpuUs + r.postgresCpuUs));
console.log(summary('firings/s', (r) => r.rate));
