/**
 * What the soak checks after every restart, counted rather than thrown, so a run reports
 * all its figures: firings lost or doubled, task processes and containers a killed teiki
 * left running, ledger directories of dead teikis, and tasks not stopped as ECS stops the
 * tasks of a host that went away.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type DesiredStatus,
  type Task,
} from '@aws-sdk/client-ecs';
import type { DockerEngine } from '../../src/runtimes/docker/engine.js';
import { clusterContainers, markedProcesses } from './host-scan.js';
import { clientConfig, type Entry, type World } from './world.js';

export const LEFT_BEHIND =
  /^ECS is performing maintenance on the underlying infrastructure hosting the task/;
const FINE_OUTCOMES = new Set(['started', 'delivered', 'missed', 'pending']);

export interface Tally {
  kills: number;
  /** Instants that had come due, each of which must have exactly one record. */
  instants: number;
  lost: number;
  doubled: number;
  orphanProcesses: number;
  orphanContainers: number;
  leakedDirs: number;
  /** Distinct tasks a restart found unfinished and stopped. */
  interruptedTasks: number;
  /** Tasks not as ECS would leave them (details in `problems`). */
  badTasks: number;
  falseWarnings: number;
  problems: string[];
}

export function emptyTally(): Tally {
  return {
    kills: 0,
    instants: 0,
    lost: 0,
    doubled: 0,
    orphanProcesses: 0,
    orphanContainers: 0,
    leakedDirs: 0,
    interruptedTasks: 0,
    badTasks: 0,
    falseWarnings: 0,
    problems: [],
  };
}

interface Invocation {
  source: string;
  name: string;
  scheduledTime: string;
  outcome: string;
  taskArns?: string[];
  error?: { code: string };
}

export interface Moment {
  endpoint: string;
  /** Wall-clock ms at which the teiki being checked was spawned. */
  spawnedMs: number;
  /** Its pid: its own ledger directory is named after it. */
  pid: number;
  /** Due instants are those up to here (teiki's clock). */
  dueUntilMs: number;
  /** Tasks created before this (teiki's clock) belong to earlier teikis. */
  earlierThanMs: number;
  output: string;
}

/** Per run: tasks already counted as interrupted, tasks seen per entry. */
export interface Memory {
  interrupted: Set<string>;
  tasksByEntry: Map<string, Set<string>>;
}

export async function verify(
  world: World,
  moment: Moment,
  context: {
    runId: string;
    dataDir: string;
    engine?: DockerEngine;
    tally: Tally;
    memory: Memory;
    label: string;
  },
): Promise<void> {
  const { tally, label } = context;
  const problem = (text: string) => tally.problems.push(`${label}: ${text}`);

  // Processes and containers an earlier teiki started, still there after the restart.
  for (const found of markedProcesses(context.runId, moment.spawnedMs)) {
    tally.orphanProcesses++;
    problem(`task process ${found.pid} (${found.cmdline}) survived the restart`);
  }
  if (context.engine) {
    for (const id of await clusterContainers(context.engine, world.clusterArn, moment.spawnedMs)) {
      tally.orphanContainers++;
      problem(`container ${id.slice(0, 12)} survived the restart`);
    }
  }
  // Ledger directories: only the running teiki's own may remain.
  const ledger = join(context.dataDir, 'runtime', 'process');
  for (const entry of await readdir(ledger).catch(() => [] as string[])) {
    if (entry.startsWith(`${moment.pid}-`)) continue;
    tally.leakedDirs++;
    problem(`ledger directory ${entry} was left behind`);
  }
  const warnings = moment.output
    .split('\n')
    .filter((line) => /orphaned task process left running|may be left running/.test(line));
  tally.falseWarnings += warnings.length;
  for (const line of warnings) problem(`warning: ${line}`);

  await checkFirings(world.entries, moment, tally, problem, context.memory);
  await checkTasks(world, moment, tally, problem, context.memory);
}

async function checkFirings(
  entries: Entry[],
  moment: Moment,
  tally: Tally,
  problem: (text: string) => void,
  memory: Memory,
): Promise<void> {
  const res = await fetch(`${moment.endpoint}/_teiki/invocations?limit=10000`);
  const { invocations } = (await res.json()) as { invocations: Invocation[] };
  for (const entry of entries) {
    const mine = invocations.filter((i) => i.source === entry.source && i.name === entry.name);
    const byInstant = new Map<number, Invocation[]>();
    for (const invocation of mine) {
      const at = Date.parse(invocation.scheduledTime);
      byInstant.set(at, [...(byInstant.get(at) ?? []), invocation]);
      const fine =
        FINE_OUTCOMES.has(invocation.outcome) ||
        (invocation.outcome === 'failed' && invocation.error?.code === 'Interrupted');
      if (!fine)
        problem(`${entry.name} at ${invocation.scheduledTime}: ${JSON.stringify(invocation)}`);
    }
    const expected = entry.instants(moment.dueUntilMs);
    for (const at of expected) {
      const records = byInstant.get(at) ?? [];
      if (records.length === 0) {
        tally.lost++;
        problem(`${entry.name} lost its firing at ${new Date(at).toISOString()}`);
      }
    }
    for (const [at, records] of byInstant) {
      if (records.length > 1) {
        tally.doubled += records.length - 1;
        problem(`${entry.name} fired ${records.length} times at ${new Date(at).toISOString()}`);
      }
    }
    // At most one task per claimed instant (a task may exist without being listed when the
    // kill fell between its start and the record's update).
    if (entry.startsTasks) {
      const claimed = mine.filter((i) => i.outcome !== 'missed').length;
      const tasks = memory.tasksByEntry.get(startedBy(entry))?.size ?? 0;
      if (tasks > claimed) {
        tally.doubled += tasks - claimed;
        problem(`${entry.name} started ${tasks} tasks for ${claimed} claimed instants`);
      }
      for (const invocation of mine) {
        if ((invocation.taskArns?.length ?? 0) > 1) {
          tally.doubled += (invocation.taskArns?.length ?? 1) - 1;
          problem(`${entry.name} at ${invocation.scheduledTime} started several tasks`);
        }
      }
    }
  }
  tally.instants = entries.reduce((n, e) => n + e.instants(moment.dueUntilMs).length, 0);
}

export const startedBy = (entry: Entry): string =>
  entry.source === 'rule' ? `events-rule/${entry.name}` : `chronos-schedule/${entry.name}`;

async function checkTasks(
  world: World,
  moment: Moment,
  tally: Tally,
  problem: (text: string) => void,
  memory: Memory,
): Promise<void> {
  const ecs = new ECSClient(clientConfig(moment.endpoint));
  const arns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as DesiredStatus[]) {
    let nextToken: string | undefined;
    do {
      const page = await ecs.send(
        new ListTasksCommand({ cluster: world.clusterArn, desiredStatus, nextToken }),
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const page = await ecs.send(
      new DescribeTasksCommand({ cluster: world.clusterArn, tasks: arns.slice(i, i + 100) }),
    );
    tasks.push(...(page.tasks ?? []));
  }
  for (const task of tasks) {
    const arn = task.taskArn ?? '';
    const id = arn.split('/').pop();
    if (task.startedBy) {
      const set = memory.tasksByEntry.get(task.startedBy) ?? new Set<string>();
      set.add(arn);
      memory.tasksByEntry.set(task.startedBy, set);
    }
    const earlier = (task.createdAt?.getTime() ?? 0) < moment.earlierThanMs;
    if (earlier && task.lastStatus !== 'STOPPED') {
      tally.badTasks++;
      problem(`task ${id} of an earlier teiki is ${task.lastStatus}`);
      continue;
    }
    if (task.lastStatus !== 'STOPPED') continue;
    if (LEFT_BEHIND.test(task.stoppedReason ?? '')) {
      if (!memory.interrupted.has(arn)) {
        memory.interrupted.add(arn);
        tally.interruptedTasks++;
      }
      if (task.stopCode !== 'TerminationNotice') {
        tally.badTasks++;
        problem(`task ${id} stopped by a restart has stopCode ${task.stopCode}`);
      }
    }
    const containers = task.containers ?? [];
    if (task.startedAt && containers.some((c) => !c.runtimeId)) {
      tally.badTasks++;
      problem(`task ${id} has startedAt but a container that never started`);
    }
    const times = [
      task.createdAt,
      task.startedAt,
      task.stoppingAt,
      task.executionStoppedAt,
      task.stoppedAt,
    ]
      .filter((t): t is Date => t !== undefined)
      .map((t) => t.getTime());
    if (times.some((t, i) => i > 0 && t < (times[i - 1] ?? 0)) || !task.stoppedAt) {
      tally.badTasks++;
      problem(`task ${id} has its times out of order: ${JSON.stringify(times)}`);
    }
    for (const container of containers) {
      if (
        container.lastStatus !== 'STOPPED' ||
        (container.exitCode === undefined && !container.reason)
      ) {
        tally.badTasks++;
        problem(
          `task ${id}: container ${container.name} ${container.lastStatus} with neither exit code nor reason`,
        );
      }
    }
  }
}
