/**
 * ECS tasks: RunTask → RUNNING latency (client-observed: RunTask sent, DescribeTasks polled
 * until the task is RUNNING) and 200 concurrent short tasks end to end (every RunTask sent
 * at once, 20 calls × 10 tasks, until all are STOPPED). teiki runs each task as a host
 * process; moto runs nothing (its state manager moves a task one status further each
 * time it is described), so its figures are the cost of the calls, shown for scale, not
 * as a like-for-like.
 */
import http from 'node:http';
import { TASK_STATUSES as ORDER } from '../dist/services/ecs/records.js';
import { firstId, fmt, jsonCall, median, startPeer } from './peers.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const LATENCY_RUNS = 30;
const TARGET_RUNNING_MS = 50;

async function setUp(agent, port) {
  const ecs = (op, input) => jsonCall(agent, port, 'ecs', `${ECS}.${op}`, input);
  await ecs('CreateCluster', { clusterName: 'bench' });
  for (const [family, command] of [
    ['sleeper', ['sleep', '0.3']],
    ['short', ['sh', '-c', 'echo done']],
  ]) {
    await ecs('RegisterTaskDefinition', {
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      // Container memory set because moto cannot place a task without it.
      containerDefinitions: [
        { name: 'app', image: 'bench', command, essential: true, memory: 128 },
      ],
    });
  }
  const subnet = await firstId(agent, port, 'DescribeSubnets', 'subnetId');
  // moto cannot place an awsvpc task without security groups.
  const group = await firstId(agent, port, 'DescribeSecurityGroups', 'groupId');
  return (family, count = 1) =>
    ecs('RunTask', {
      cluster: 'bench',
      taskDefinition: family,
      count,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [group] } },
    });
}

const describeTasks = (agent, port, arns) =>
  jsonCall(agent, port, 'ecs', `${ECS}.DescribeTasks`, { cluster: 'bench', tasks: arns });

async function runningLatency(agent, port, run) {
  const samples = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const started = performance.now();
    const out = await run('sleeper');
    const arn = out.tasks[0].taskArn;
    for (;;) {
      const task = (await describeTasks(agent, port, [arn])).tasks[0];
      if (ORDER.indexOf(task.lastStatus) >= ORDER.indexOf('RUNNING')) break;
    }
    samples.push(performance.now() - started);
  }
  return samples;
}

async function concurrentShortTasks(agent, port, run) {
  const started = performance.now();
  const outs = await Promise.all(Array.from({ length: 20 }, () => run('short', 10)));
  const accepted = performance.now() - started;
  const arns = outs.flatMap((o) => o.tasks.map((t) => t.taskArn));
  let pending = arns;
  let stoppedAll = true;
  const deadline = started + 120_000;
  while (pending.length > 0) {
    if (performance.now() > deadline) {
      stoppedAll = false;
      break;
    }
    const next = [];
    for (let i = 0; i < pending.length; i += 100) {
      const out = await describeTasks(agent, port, pending.slice(i, i + 100));
      for (const task of out.tasks) if (task.lastStatus !== 'STOPPED') next.push(task.taskArn);
    }
    pending = next;
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 20));
  }
  return {
    tasks: arns.length,
    acceptedMs: accepted,
    allStoppedMs: stoppedAll ? performance.now() - started : undefined,
  };
}

async function measure(name) {
  const peer = await startPeer(name);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  try {
    const run = await setUp(agent, peer.port);
    const latency = await runningLatency(agent, peer.port, run);
    const burst = await concurrentShortTasks(agent, peer.port, run);
    return { latency, burst };
  } finally {
    agent.destroy();
    await peer.stop();
  }
}

export async function runTasks({ log }) {
  const results = {};
  for (const name of ['teiki', 'moto']) {
    log(`tasks: ${name}`);
    results[name] = await measure(name);
  }
  const p = (samples, q) =>
    [...samples].sort((a, b) => a - b)[Math.floor((samples.length - 1) * q)];
  const t = results.teiki;
  const m = results.moto;
  return [
    '## ECS tasks: RunTask → RUNNING',
    '',
    `${LATENCY_RUNS} tasks one after another, each \`sleep 0.3\` on the process runtime; time from sending RunTask until DescribeTasks (polled back to back) shows RUNNING. Target: teiki under ${TARGET_RUNNING_MS} ms. moto runs nothing: its state manager moves a task one status further per DescribeTasks, so its figure is the cost of a RunTask and a few DescribeTasks.`,
    '',
    '| peer | median | p90 | max |',
    '|---|---:|---:|---:|',
    ...[
      ['teiki', t.latency],
      ['moto', m.latency],
    ].map(
      ([name, s]) =>
        `| ${name} | ${median(s).toFixed(1)} ms | ${p(s, 0.9).toFixed(1)} ms | ${Math.max(...s).toFixed(1)} ms |`,
    ),
    '',
    `Target ${median(t.latency) < TARGET_RUNNING_MS ? 'met' : '**missed**'} (median).`,
    '',
    '## ECS tasks: 200 concurrent short tasks end to end',
    '',
    '20 RunTask calls of 10 tasks sent at once, each task `sh -c "echo done"`; then DescribeTasks until every task is STOPPED. teiki runs 200 host processes and stores their logs; moto reaches STOPPED by being described.',
    '',
    '| peer | tasks | all RunTask answered | all STOPPED |',
    '|---|---:|---:|---:|',
    ...[
      ['teiki', t.burst],
      ['moto', m.burst],
    ].map(
      ([name, b]) =>
        `| ${name} | ${b.tasks} | ${fmt(b.acceptedMs)} ms | ${b.allStoppedMs === undefined ? 'not within 120 s' : `${fmt(b.allStoppedMs)} ms`} |`,
    ),
    '',
  ];
}
