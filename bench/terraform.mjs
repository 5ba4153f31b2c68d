/**
 * `terraform apply` of examples/ecs-scheduled-task against teiki and against moto_server,
 * in the same run with the same Terraform and the same offline provider mirror. Each peer
 * gets its own copy of the example, initialised once (init is not timed); each apply
 * starts from empty state against a freshly started server, the peers alternating which
 * goes first. The figure is the wall time of `terraform apply -auto-approve`; moto runs
 * no task, so only the apply is compared.
 *
 * Terraform reaches the peer through a pass-through proxy in this process, which records
 * when each request was in flight: the union of those intervals is the time the apply
 * spent waiting on the server, the rest is Terraform's and the provider's own (plugin
 * start-up, graph walks, and waits built into the provider: after CreateCluster and
 * after ModifyVpcAttribute it sleeps a fixed 10 s before its first check). The proxy adds well under a millisecond per request.
 *
 * Needs `terraform` and a provider mirror (`find / -name 'terraform-provider-aws*'`);
 * without them the group reports why it measured nothing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { median, ROOT, startPeer } from './peers.mjs';

const EXAMPLE = join(ROOT, 'examples/ecs-scheduled-task');
const PEER_NAMES = ['teiki', 'moto'];
const TARGET_RATIO = 0.5;

/** The folder holding `registry.terraform.io/…`, or undefined when there is no mirror. */
function providerMirrorRoot() {
  const found = execFileSync(
    'sh',
    ['-c', "find / -xdev -name 'terraform-provider-aws*' -type f 2>/dev/null | head -n 1"],
    { encoding: 'utf8' },
  ).trim();
  const at = found.indexOf('/registry.terraform.io/');
  return at === -1 ? undefined : found.slice(0, at);
}

function terraformVersion() {
  try {
    return execFileSync('terraform', ['version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]
      .trim();
  } catch {
    return undefined;
  }
}

/** Runs terraform without blocking this process (the proxy lives in its event loop). */
function terraform(dir, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('terraform', args, {
      cwd: dir,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
        TF_IN_AUTOMATION: '1',
        CHECKPOINT_DISABLE: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) =>
      resolve({ status, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

/** A copy of the example for one peer, with its own `.terraform`, initialised offline. */
async function prepareWorkspace(name, mirror) {
  const dir = mkdtempSync(join(os.tmpdir(), `bench-tf-${name}-`));
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (source) =>
      !/[\\/](\.terraform|terraform\.tfstate[^\\/]*|\.terraform\.lock\.hcl)$/.test(source),
  });
  writeFileSync(
    join(dir, 'cli.tfrc'),
    `provider_installation {
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
  );
  const init = await terraform(dir, ['init', '-input=false', '-no-color']);
  if (init.status !== 0) throw new Error(`terraform init (${name}) failed:\n${init.stderr}`);
  return dir;
}

/**
 * A loopback pass-through to `port` that notes when each request was in flight (from its
 * arrival to the end of the answer), so the apply's time on the server can be told apart.
 */
async function startRecordingProxy(port) {
  const agent = new http.Agent({ keepAlive: true });
  const spans = [];
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => spans.push([start, performance.now()]));
      },
    );
    upstream.once('error', (error) => {
      spans.push([start, performance.now()]);
      res.writeHead(502).end(String(error));
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    spans,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** The length of the union of [start, end] intervals: time with a request in flight. */
function busyMs(spans) {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = sorted[0] ?? [0, 0];
  for (const [start, end] of sorted.slice(1)) {
    if (start > to) {
      total += to - from;
      [from, to] = [start, end];
    } else if (end > to) to = end;
  }
  return total + (to - from);
}

/** What apply reported: resources added and, for a failure, each `Error:` with its resource. */
function outcome(run) {
  const added = /Resources: (\d+) added/.exec(run.stdout)?.[1];
  const errors = [];
  const pattern = /Error: ([^\n]+)[\s\S]*?with ([\w.]+),/g;
  for (let m = pattern.exec(run.stderr); m; m = pattern.exec(run.stderr)) {
    errors.push(`${m[2]}: ${m[1]}`);
  }
  if (run.status !== 0 && errors.length === 0) errors.push(run.stderr.trim().split('\n')[0]);
  return { added: added === undefined ? 0 : Number(added), errors };
}

/** One apply from empty state against a freshly started peer. */
async function applyOnce(name, dir) {
  rmSync(join(dir, 'terraform.tfstate'), { force: true });
  rmSync(join(dir, 'terraform.tfstate.backup'), { force: true });
  const peer = await startPeer(name);
  const proxy = await startRecordingProxy(peer.port);
  try {
    writeFileSync(join(dir, 'terraform.tfvars'), `teiki_endpoint = "${proxy.url}"\n`);
    const run = await terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    return {
      ms: run.ms,
      serverMs: busyMs(proxy.spans),
      requests: proxy.spans.length,
      status: run.status,
      ...outcome(run),
    };
  } finally {
    await proxy.close();
    await peer.stop();
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export async function runTerraform({ log }) {
  const applies = Number(process.env.BENCH_TF_APPLIES ?? 9);
  const heading = '## Terraform: apply the example stack (examples/ecs-scheduled-task)';
  const version = terraformVersion();
  const mirror = providerMirrorRoot();
  const problem = !version
    ? 'no terraform on PATH'
    : !mirror
      ? "no Terraform AWS provider mirror (find / -name 'terraform-provider-aws*')"
      : undefined;
  if (problem) {
    log(`terraform: not measured (${problem})`);
    return [heading, '', `Not measured: ${problem}.`, ''];
  }
  const provider = /registry\.terraform\.io\/hashicorp\/aws\/([^/]+)\//.exec(
    execFileSync(
      'sh',
      ['-c', `ls -d ${mirror}/registry.terraform.io/hashicorp/aws/*/*/ | head -n 1`],
      {
        encoding: 'utf8',
      },
    ),
  )?.[1];

  const loadBefore = os.loadavg()[0].toFixed(1);
  const dirs = {};
  const results = Object.fromEntries(PEER_NAMES.map((name) => [name, []]));
  try {
    for (const name of PEER_NAMES) {
      log(`terraform: init for ${name}`);
      dirs[name] = await prepareWorkspace(name, mirror);
    }
    for (let i = 0; i < applies; i++) {
      const order = i % 2 === 0 ? PEER_NAMES : [...PEER_NAMES].reverse();
      for (const name of order) {
        const result = await applyOnce(name, dirs[name]);
        log(
          `terraform: ${name} apply ${i + 1}/${applies}: ${seconds(result.ms)}, ` +
            `server ${result.serverMs.toFixed(0)} ms over ${result.requests} requests, ` +
            `exit ${result.status}, ${result.added} added${result.errors.length ? `, errors: ${result.errors.join('; ')}` : ''}`,
        );
        results[name].push(result);
      }
    }
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }

  const summary = (name) => {
    const runs = results[name];
    return {
      wall: median(runs.map((r) => r.ms)),
      server: median(runs.map((r) => r.serverMs)),
      requests: median(runs.map((r) => r.requests)),
      all: runs.map((r) => (r.ms / 1000).toFixed(1)).join(', '),
      added: [...new Set(runs.map((r) => r.added))].join(' / '),
      failures: [...new Set(runs.flatMap((r) => r.errors))],
      failedRuns: runs.filter((r) => r.status !== 0).length,
    };
  };
  const teiki = summary('teiki');
  const moto = summary('moto');
  const ratio = teiki.wall / moto.wall;
  const row = (name, s) =>
    `| ${name} | ${seconds(s.wall)} | ${s.all} | ${s.added} | ${s.failedRuns} | ${s.requests} | ${s.server.toFixed(0)} ms | ${seconds(s.wall - s.server)} |`;
  const failureLines = PEER_NAMES.flatMap((name) =>
    summary(name).failures.map((failure) => `- ${name} failed \`${failure}\``),
  );
  const loadAfter = os.loadavg()[0].toFixed(1);
  return [
    heading,
    '',
    `\`terraform apply -auto-approve\` of the example as shipped (14 resources: IAM roles, policies and attachments, a log group, a VPC and two subnets, an ECS cluster and task definition, an EventBridge rule and its ECS target), ${version}, AWS provider ${provider ?? '?'} from the offline mirror. ${applies} applies per peer, each from empty state against a freshly started server, the peers alternating which goes first; \`terraform init\` done once per peer's directory and not timed. Wall time of the apply command. moto cannot run the task; only the apply is compared. Target: teiki at most ${TARGET_RATIO * 100}% of moto's wall time.`,
    '',
    "Terraform reaches each server through a pass-through proxy in the bench process that notes when requests are in flight: *time on the server* is the union of those intervals (median); the rest of the wall time is Terraform's and the provider's own — plugin start-ups, graph walks, and the provider's built-in waits: after CreateCluster and after ModifyVpcAttribute it sleeps a fixed 10 s before its first check, whatever the endpoint, so no server can bring an apply of this stack under about 10 s plus Terraform's own start-up.",
    '',
    '| peer | median apply | all applies (s) | resources added | failed applies | requests | time on the server | the rest (difference of the medians) |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
    row('teiki', teiki),
    row('moto', moto),
    '',
    ...(failureLines.length
      ? ['Failures:', '', ...failureLines, '']
      : ['Both applied every resource of the stack in every run.', '']),
    `teiki's apply took ${(ratio * 100).toFixed(0)}% of moto's wall time: target ${ratio <= TARGET_RATIO ? 'met' : '**missed**'}. Time on the server: teiki ${teiki.server.toFixed(0)} ms, moto ${moto.server.toFixed(0)} ms (${(moto.server / teiki.server).toFixed(1)}×). Terraform's and the provider's own time is the same for both, and it is nearly all of the apply: a server answering in no time at all would still take ${(((teiki.wall - teiki.server) / moto.wall) * 100).toFixed(0)}% of moto's median here. One-minute load average ${loadBefore} before the group and ${loadAfter} after it (other work shares this machine).`,
    '',
  ];
}
