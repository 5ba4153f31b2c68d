/**
 * ECS services: time from CreateService (10 tasks, process runtime) until DescribeServices
 * (polled every 10 ms) shows the service steady (one deployment, 10 running, none
 * pending), and the time from a task's exit to its replacement RUNNING (the old task's
 * `stoppingAt`, when teiki saw its container exit, to the replacement's `startedAt`, both
 * from DescribeTasks). moto only records services (it runs no task), so its figure is
 * CreateService until DescribeServices returns the service, shown for scale.
 */
import http from 'node:http';
import os from 'node:os';
import { firstId, jsonCall, median, startPeer } from './peers.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const CREATE_RUNS = 5;
const REPLACEMENTS = 20;
const DESIRED = 10;

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function setUp(agent, port) {
  const ecs = (op, input) => jsonCall(agent, port, 'ecs', `${ECS}.${op}`, input);
  await ecs('CreateCluster', { clusterName: 'bench' });
  for (const [family, command] of [
    ['forever', ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']],
    ['brief', ['sh', '-c', 'sleep 1']],
  ]) {
    await ecs('RegisterTaskDefinition', {
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'bench', command, essential: true, memory: 128 },
      ],
    });
  }
  const subnet = await firstId(agent, port, 'DescribeSubnets', 'subnetId');
  const group = await firstId(agent, port, 'DescribeSecurityGroups', 'groupId');
  const create = (serviceName, family, desiredCount) =>
    ecs('CreateService', {
      cluster: 'bench',
      serviceName,
      taskDefinition: family,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [group] } },
    });
  const describe = async (name) =>
    (await ecs('DescribeServices', { cluster: 'bench', services: [name] })).services?.[0];
  return { ecs, create, describe };
}

const steady = (s) =>
  s && s.deployments.length === 1 && s.runningCount === s.desiredCount && s.pendingCount === 0;

async function createToSteady(api, runs, untilDone) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const name = `burst-${i}`;
    const started = performance.now();
    await api.create(name, 'forever', DESIRED);
    for (;;) {
      const service = await api.describe(name);
      if (untilDone(service)) break;
      await pause(10);
    }
    samples.push(performance.now() - started);
    await api.ecs('DeleteService', { cluster: 'bench', service: name, force: true });
  }
  return samples;
}

/** One task that exits after a second, replaced each time: exit → replacement RUNNING. */
async function exitToReplacement(api) {
  await api.create('brief', 'brief', 1);
  const samples = [];
  const seen = new Set();
  const deadline = performance.now() + 120_000;
  while (samples.length < REPLACEMENTS && performance.now() < deadline) {
    const list = async (desiredStatus) =>
      (await api.ecs('ListTasks', { cluster: 'bench', serviceName: 'brief', desiredStatus }))
        .taskArns;
    const arns = [...(await list('STOPPED')), ...(await list('RUNNING'))];
    if (arns.length > 0) {
      const { tasks } = await api.ecs('DescribeTasks', { cluster: 'bench', tasks: arns });
      const byStart = tasks.filter((t) => t.startedAt).sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < byStart.length; i++) {
        const previous = byStart[i - 1];
        const next = byStart[i];
        if (seen.has(next.taskArn) || previous.stoppingAt === undefined) continue;
        seen.add(next.taskArn);
        samples.push((next.startedAt - previous.stoppingAt) * 1000);
      }
    }
    await pause(200);
  }
  return samples.slice(0, REPLACEMENTS);
}

async function measure(name) {
  const peer = await startPeer(name);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const api = await setUp(agent, peer.port);
    if (name === 'moto') {
      return { create: await createToSteady(api, CREATE_RUNS, (s) => s !== undefined) };
    }
    const create = await createToSteady(api, CREATE_RUNS, steady);
    const replace = await exitToReplacement(api);
    return { create, replace };
  } finally {
    agent.destroy();
    await peer.stop();
  }
}

const p = (samples, q) => [...samples].sort((a, b) => a - b)[Math.floor((samples.length - 1) * q)];
const row = (peer, what, s) =>
  `| ${peer} | ${what} | ${median(s).toFixed(0)} ms | ${p(s, 0.9).toFixed(0)} ms | ${Math.max(...s).toFixed(0)} ms |`;

export async function runServices({ log }) {
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  const results = {};
  for (const name of ['teiki', 'moto']) {
    log(`services: ${name}`);
    results[name] = await measure(name);
  }
  const t = results.teiki;
  const m = results.moto;
  return [
    '## ECS services: CreateService to steady state, a task exit to its replacement',
    '',
    `CreateService of ${DESIRED} tasks (\`sh\` looping on \`sleep 1\`, process runtime), ${CREATE_RUNS} times, until DescribeServices (polled every 10 ms) shows one deployment with ${DESIRED} running and none pending. Then a service of one task that exits after a second, ${REPLACEMENTS} times: from the exited task's \`stoppingAt\` (teiki saw the exit) to its replacement's \`startedAt\` (RUNNING), both from DescribeTasks. moto only records services and runs no task: its figure is CreateService until DescribeServices returns the service. The machine is shared with other work (load average ${load} when the group started).`,
    '',
    '| peer | what | median | p90 | max |',
    '|---|---|---:|---:|---:|',
    row('teiki', `CreateService → steady (${DESIRED} RUNNING)`, t.create),
    row('moto', 'CreateService → described (no task runs)', m.create),
    row('teiki', 'task exit → replacement RUNNING', t.replace),
    '',
  ];
}
