/**
 * The fields of DescribeTasks' task that the tasks page reads, and where its links go.
 * The API passes AWS's task through untyped (api-types' AwsObject); this says what the
 * page expects of it, every field optional as in the AWS model.
 */
import { href } from '../../router.js';
import type { AwsObject } from '../../../shared/api-types.js';

export interface ContainerShape {
  name?: string;
  image?: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
  healthStatus?: string;
  runtimeId?: string;
}

export interface TaskShape {
  taskArn?: string;
  clusterArn?: string;
  taskDefinitionArn?: string;
  lastStatus?: string;
  desiredStatus?: string;
  launchType?: string;
  cpu?: string;
  memory?: string;
  group?: string;
  startedBy?: string;
  stopCode?: string;
  stoppedReason?: string;
  createdAt?: string;
  pullStartedAt?: string;
  pullStoppedAt?: string;
  startedAt?: string;
  stoppingAt?: string;
  executionStoppedAt?: string;
  stoppedAt?: string;
  containers?: ContainerShape[];
  overrides?: {
    containerOverrides?: { name?: string; command?: string[] }[];
    [key: string]: unknown;
  };
  tags?: { key?: string; value?: string }[];
}

export function taskOf(object: AwsObject): TaskShape {
  return object;
}

export function taskIdOf(task: TaskShape): string {
  return (task.taskArn ?? '').split('/').pop() ?? '';
}

/** `FAMILY:REVISION` of a task definition ARN. */
export function revisionOf(arn: string | undefined): { family: string; revision: string } {
  const match = /task-definition\/([^:]+):(\d+)$/.exec(arn ?? '');
  return { family: match?.[1] ?? '', revision: match?.[2] ?? '' };
}

/** A console address that keeps the account and region the console looks at. */
export function scopedHref(page: string, query: Record<string, string | undefined> = {}): string {
  const here = new URLSearchParams(window.location.search);
  return href(page, {
    account: here.get('account') ?? undefined,
    region: here.get('region') ?? undefined,
    ...query,
  });
}

export function taskDefinitionHref(arn: string | undefined): string {
  const { family, revision } = revisionOf(arn);
  return scopedHref('/task-definitions', { family, revision });
}

/**
 * The schedules page for a task a rule (`events-rule/NAME`) or a Scheduler schedule
 * (`chronos-schedule/NAME`) started; undefined for anything else (a person, a CLI).
 */
export function startedByHref(startedBy: string | undefined): string | undefined {
  const match = /^(events-rule|chronos-schedule)\/(.+)$/.exec(startedBy ?? '');
  if (!match?.[2]) return undefined;
  return scopedHref('/schedules', {
    kind: match[1] === 'events-rule' ? 'rule' : 'schedule',
    name: match[2],
  });
}

/**
 * The logs page at one stream. A stream lives in its awslogs-region, which is the task's
 * own region unless the definition says otherwise: then the link moves there.
 */
export function logStreamHref(
  stream: { group: string; stream: string; region: string },
  task: TaskShape,
): string {
  const taskRegion = (task.taskArn ?? '').split(':')[3];
  return scopedHref('/logs', {
    group: stream.group,
    stream: stream.stream,
    ...(stream.region !== taskRegion ? { region: stream.region } : {}),
  });
}

/** The exit codes of a task's containers, `app 3, sidecar 0`, or a bare `3` for one container. */
export function exitCodes(task: TaskShape): string {
  const containers = task.containers ?? [];
  const known = containers.filter((c) => c.exitCode !== undefined);
  if (known.length === 0) return '';
  if (containers.length === 1) return String(known[0]?.exitCode);
  return known.map((c) => `${c.name} ${c.exitCode}`).join(', ');
}

/**
 * How a task's status badge reads: a STOPPED task succeeded when every container exited
 * 0, failed when one exited otherwise or never ran (no exit code); the rest as Badge says.
 */
export function statusTone(task: TaskShape): 'good' | 'bad' | undefined {
  if (task.lastStatus !== 'STOPPED') return undefined;
  const containers = task.containers ?? [];
  return containers.length > 0 && containers.every((c) => c.exitCode === 0) ? 'good' : 'bad';
}
