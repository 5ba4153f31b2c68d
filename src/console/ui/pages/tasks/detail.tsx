/**
 * One task: its status timeline, containers with exit codes, why it stopped, which
 * revision it ran, who started it, its overrides and where its logs are. Polled while
 * the task is not STOPPED, so the page follows it to the end.
 */
import { useEffect } from 'preact/hooks';
import { useApi } from '../../api.js';
import { onClockMoved } from '../../components/clock.js';
import { Badge, ErrorBox, JsonView, Loading, Section } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { Time } from '../../components/time.js';
import type { TaskDetail } from '../../../shared/api-types.js';
import {
  logStreamHref,
  revisionOf,
  scopedHref,
  startedByHref,
  statusTone,
  taskDefinitionHref,
  taskOf,
  type TaskShape,
} from './shape.js';

const POLL_MS = 1500;

/** The instants a task goes through, in order, with what each one means. */
const TIMELINE: { field: keyof TaskShape; label: string }[] = [
  { field: 'createdAt', label: 'Created (PROVISIONING)' },
  { field: 'pullStartedAt', label: 'Image pull started' },
  { field: 'pullStoppedAt', label: 'Image pull finished' },
  { field: 'startedAt', label: 'Started (RUNNING)' },
  { field: 'stoppingAt', label: 'Stopping' },
  { field: 'executionStoppedAt', label: 'Execution stopped' },
  { field: 'stoppedAt', label: 'Stopped (STOPPED)' },
];

export function TaskDetailView(props: { cluster?: string; taskId: string }) {
  const detail = useApi<TaskDetail>('task', { cluster: props.cluster, id: props.taskId });
  const { reload, data } = detail;
  const task = data ? taskOf(data.task) : undefined;
  const stopped = task?.lastStatus === 'STOPPED';
  // useApi's own pollMs would keep polling a STOPPED task; this stops with the task.
  useEffect(() => {
    if (!data || stopped) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [data, stopped, reload]);
  useEffect(() => onClockMoved(reload), [reload]);
  const back = scopedHref('/tasks', { cluster: data?.clusterName ?? props.cluster });
  return (
    <>
      <p>
        <Link href={back}>← All tasks{props.cluster ? ` in ${props.cluster}` : ''}</Link>
      </p>
      <ErrorBox error={detail.error} />
      {task && data ? <TaskBody task={task} detail={data} /> : <Loading loading={detail.loading} />}
    </>
  );
}

function TaskBody(props: { task: TaskShape; detail: TaskDetail }) {
  const { task, detail } = props;
  const id = (task.taskArn ?? '').split('/').pop() ?? '';
  const definition = revisionOf(task.taskDefinitionArn);
  const startedBy = startedByHref(task.startedBy);
  return (
    <>
      <Section
        title={`Task ${id}`}
        actions={
          <span data-testid="task-status">
            <Badge value={task.lastStatus} tone={statusTone(task)} />
          </span>
        }
      >
        <dl class="facts">
          <dt>Cluster</dt>
          <dd>{detail.clusterName}</dd>
          <dt>Task definition</dt>
          <dd>
            <Link href={taskDefinitionHref(task.taskDefinitionArn)}>
              {definition.family}:{definition.revision}
            </Link>
          </dd>
          <dt>Started by</dt>
          <dd>
            {startedBy ? (
              <Link href={startedBy}>{task.startedBy}</Link>
            ) : (
              (task.startedBy ?? <span class="muted">not given</span>)
            )}
          </dd>
          <dt>Desired status</dt>
          <dd>{task.desiredStatus}</dd>
          {task.group ? (
            <>
              <dt>Group</dt>
              <dd>{task.group}</dd>
            </>
          ) : null}
          <dt>Launch type</dt>
          <dd>
            {task.launchType ?? '—'} · {task.cpu} CPU units · {task.memory} MiB
          </dd>
          <dt>Stop code</dt>
          <dd data-testid="task-stop-code">{task.stopCode ?? <span class="muted">—</span>}</dd>
          <dt>Stopped reason</dt>
          <dd data-testid="task-stopped-reason">
            {task.stoppedReason ?? <span class="muted">—</span>}
          </dd>
        </dl>
      </Section>
      <Section title="Status timeline">
        <ol class="tasks-timeline" aria-label="Status timeline">
          {TIMELINE.map(({ field, label }) => {
            const at = task[field] as string | undefined;
            return (
              <li key={field} class={at ? 'done' : 'not-yet'}>
                <span class="tasks-timeline-label">{label}</span>{' '}
                {at ? <Time value={at} /> : <span class="muted">not yet</span>}
              </li>
            );
          })}
        </ol>
      </Section>
      <Section title="Containers">
        <table aria-label="Containers">
          <thead>
            <tr>
              <th>Name</th>
              <th>Image</th>
              <th>Status</th>
              <th>Exit code</th>
              <th>Reason</th>
              <th>Command override</th>
            </tr>
          </thead>
          <tbody>
            {(task.containers ?? []).map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td class="mono">{c.image}</td>
                <td>
                  <Badge value={c.lastStatus} />
                  {c.healthStatus && c.healthStatus !== 'UNKNOWN' ? (
                    <>
                      {' '}
                      <Badge value={c.healthStatus} />
                    </>
                  ) : null}
                </td>
                <td class="mono">
                  {c.exitCode === undefined ? (
                    <span class="muted">—</span>
                  ) : (
                    <span class={c.exitCode === 0 ? 'tasks-exit-ok' : 'tasks-exit-bad'}>
                      {c.exitCode}
                    </span>
                  )}
                </td>
                <td>{c.reason ?? ''}</td>
                <td class="mono">{commandOverride(task, c.name)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Logs">
        {detail.logStreams.length > 0 ? (
          <ul aria-label="Log streams">
            {detail.logStreams.map((s) => (
              <li key={s.container}>
                {s.container}:{' '}
                <Link href={logStreamHref(s, task)}>
                  {s.group} › {s.stream}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {detail.logNote ? <p class="muted">{detail.logNote}</p> : null}
      </Section>
      <Section title="Inside the task">
        <dl class="facts">
          <dt>Task role</dt>
          <dd data-testid="task-role" class="mono">
            {detail.inside.taskRoleArn ?? <span class="muted">none: no credentials served</span>}
          </dd>
          <dt>Execution role</dt>
          <dd data-testid="task-execution-role" class="mono">
            {detail.inside.executionRoleArn ?? <span class="muted">none</span>}
          </dd>
        </dl>
        {detail.inside.secrets.length > 0 ? (
          <table aria-label="Secrets">
            <thead>
              <tr>
                <th>Container</th>
                <th>Variable</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {detail.inside.secrets.map((s) => (
                <tr key={`${s.containerName}/${s.name}`}>
                  <td>{s.containerName}</td>
                  <td class="mono">{s.name}</td>
                  <td class="mono">{s.valueFrom}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">
            No secrets: its containers take none from Parameter Store or Secrets Manager.
          </p>
        )}
        <details>
          <summary>Task metadata endpoint (v4 /task)</summary>
          <JsonView value={detail.inside.metadata} />
        </details>
      </Section>
      <Section title="Overrides and the whole task">
        <details>
          <summary>Overrides</summary>
          <JsonView value={task.overrides ?? {}} />
        </details>
        <details>
          <summary>DescribeTasks output</summary>
          <JsonView value={detail.task} />
        </details>
      </Section>
    </>
  );
}

function commandOverride(task: TaskShape, container: string | undefined): string {
  const override = task.overrides?.containerOverrides?.find((o) => o.name === container);
  return override?.command ? JSON.stringify(override.command) : '';
}
