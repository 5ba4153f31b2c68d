/**
 * ECS tasks on the docker runtime: a trivial container (`true`) run one task after
 * another; time from sending RunTask until DescribeTasks (polled every POLL_MS) first
 * shows RUNNING or later, and until it shows STOPPED. Not back to back as the process
 * runtime's group polls: on two cores that loop would take the CPU the engine needs. teiki creates, attaches, starts, waits
 * for and removes a real container through the Docker Engine API at DOCKER_HOST; moto
 * runs nothing, so its figures are the cost of the calls, for scale.
 *
 * Needs an engine at DOCKER_HOST holding TEIKI_TEST_IMAGE (`.ci/run` sets both up with
 * Podman); without one the group reports why it measured nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { DockerEngine } from '../dist/runtimes/docker/engine.js';
import { engineAddress } from '../dist/runtimes/docker/engine-address.js';
import { TASK_STATUSES as ORDER } from '../dist/services/ecs/records.js';
import { freePort, jsonCall, median, post, READY_PROBE, ROOT, startPeer } from './peers.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const RUNS = 20;
const POLL_MS = 10;
const TARGET_RUNNING_MS = 500;
const IMAGE = process.env.TEIKI_TEST_IMAGE ?? 'localhost/teiki-busybox:test';

/** The engine and image the group needs, or why it cannot run. */
async function engineProblem() {
  let engine;
  try {
    engine = new DockerEngine(engineAddress(process.env));
    const info = await engine.info();
    if (!(await engine.inspectImage(IMAGE))) return { problem: `the engine has no image ${IMAGE}` };
    return { product: info.product };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  } finally {
    engine?.close();
  }
}

/** teiki as the other groups start it, plus the docker runtime and the bench image. */
async function startDockerTeiki() {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-teiki-docker-'));
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/teiki.js'),
      'start',
      '--port',
      String(port),
      '--data-dir',
      dir,
      '--log-level',
      'warn',
      '--runtime',
      'docker',
      '--docker-network',
      'none',
      '--image-map',
      `bench=${IMAGE}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    if (exited) throw new Error('teiki --runtime docker exited before answering');
    const res = await post(agent, port, READY_PROBE).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      if (!exited) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function firstId(agent, port, action, element) {
  const res = await post(agent, port, {
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: `Action=${action}&Version=2016-11-15`,
  });
  const match = new RegExp(`<${element}>([a-z]+-[0-9a-f]+)</${element}>`).exec(res.text);
  if (!match) throw new Error(`${action} listed nothing: ${res.text.slice(0, 300)}`);
  return match[1];
}

async function measure(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const ecs = (op, input) => jsonCall(agent, port, 'ecs', `${ECS}.${op}`, input);
  try {
    await ecs('CreateCluster', { clusterName: 'bench' });
    await ecs('RegisterTaskDefinition', {
      family: 'trivial',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'bench', command: ['true'], essential: true, memory: 128 },
      ],
    });
    const subnet = await firstId(agent, port, 'DescribeSubnets', 'subnetId');
    const group = await firstId(agent, port, 'DescribeSecurityGroups', 'groupId');
    const running = [];
    const stopped = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const out = await ecs('RunTask', {
        cluster: 'bench',
        taskDefinition: 'trivial',
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: [subnet], securityGroups: [group] },
        },
      });
      const arn = out.tasks[0].taskArn;
      let sawRunning = false;
      for (;;) {
        const task = (await ecs('DescribeTasks', { cluster: 'bench', tasks: [arn] })).tasks[0];
        if (!sawRunning && ORDER.indexOf(task.lastStatus) >= ORDER.indexOf('RUNNING')) {
          sawRunning = true;
          running.push(performance.now() - started);
        }
        if (task.lastStatus === 'STOPPED') {
          if (task.containers[0].exitCode !== 0 && task.containers[0].exitCode !== undefined)
            throw new Error(`bench task failed: ${JSON.stringify(task.containers[0])}`);
          if (task.stopCode === 'TaskFailedToStart')
            throw new Error(`bench task did not start: ${task.stoppedReason}`);
          stopped.push(performance.now() - started);
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    return { running, stopped };
  } finally {
    agent.destroy();
  }
}

export async function runDocker({ log }) {
  const engine = await engineProblem();
  const heading = '## ECS tasks on the docker runtime: RunTask → RUNNING → STOPPED';
  if (engine.problem) {
    log(`docker: not measured (${engine.problem})`);
    return [heading, '', `Not measured: ${engine.problem}.`, ''];
  }
  const results = {};
  log('docker: teiki');
  const teiki = await startDockerTeiki();
  try {
    results.teiki = await measure(teiki.port);
  } finally {
    await teiki.stop();
  }
  log('docker: moto');
  const moto = await startPeer('moto');
  try {
    results.moto = await measure(moto.port);
  } finally {
    await moto.stop();
  }
  const p = (samples, q) =>
    [...samples].sort((a, b) => a - b)[Math.floor((samples.length - 1) * q)];
  const row = (name, s) =>
    `| ${name} | ${median(s).toFixed(1)} ms | ${p(s, 0.9).toFixed(1)} ms | ${Math.max(...s).toFixed(1)} ms |`;
  const t = results.teiki;
  return [
    heading,
    '',
    `${RUNS} tasks one after another, each one container running \`true\` from a local busybox image on ${engine.product} (network none); time from sending RunTask until DescribeTasks (polled every ${POLL_MS} ms) shows RUNNING or later, and until it shows STOPPED (the container removed). Target: teiki under ${TARGET_RUNNING_MS} ms to RUNNING. moto runs nothing: its figures are a RunTask and a few DescribeTasks.`,
    '',
    '| peer, to RUNNING | median | p90 | max |',
    '|---|---:|---:|---:|',
    row('teiki', t.running),
    row('moto', results.moto.running),
    '',
    '| peer, to STOPPED | median | p90 | max |',
    '|---|---:|---:|---:|',
    row('teiki', t.stopped),
    row('moto', results.moto.stopped),
    '',
    `Target ${median(t.running) < TARGET_RUNNING_MS ? 'met' : '**missed**'} (median).`,
    '',
  ];
}
