/**
 * A cluster's tasks, newest first: a cluster picker and a status filter kept in the
 * address, and a table a page at a time. The API answers a window of tasks (keyset paged
 * on the server); the Paged table shows that window a screen at a time, and "Older
 * tasks" moves the window by its cursor, so 10,000 runs load as fast as 50.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../api.js';
import { onClockMoved } from '../../components/clock.js';
import { Badge, Breakable, ErrorBox, Loading, Paged, Section } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { Time } from '../../components/time.js';
import { setQuery } from '../../router.js';
import type { TasksResponse } from '../../../shared/api-types.js';
import {
  exitCodes,
  revisionOf,
  scopedHref,
  startedByHref,
  statusTone,
  taskDefinitionHref,
  taskIdOf,
  taskOf,
  type TaskShape,
} from './shape.js';

/** Tasks one request brings; the table shows them PAGE_SIZE at a time. */
const WINDOW = 250;
const PAGE_SIZE = 50;

export function TaskList(props: { cluster?: string; status?: string; before?: string }) {
  const [pollMs, setPollMs] = useState<number | undefined>(10000);
  const list = useApi<TasksResponse>(
    'tasks',
    { cluster: props.cluster, status: props.status, before: props.before, limit: WINDOW },
    pollMs,
  );
  const { reload, data } = list;
  useEffect(() => onClockMoved(reload), [reload]);
  const tasks = (data?.tasks ?? []).map(taskOf);
  // Poll briskly while a task shown still runs, slowly on the newest window for new runs.
  const anyRunning = tasks.some((t) => t.lastStatus !== 'STOPPED');
  useEffect(
    () => setPollMs(anyRunning ? 3000 : props.before ? undefined : 10000),
    [anyRunning, props.before, setPollMs],
  );
  const cluster = data?.cluster;
  return (
    <>
      <ErrorBox error={list.error} />
      <div class="tasks-filters">
        <label>
          Cluster{' '}
          <select
            value={cluster ?? ''}
            onChange={(e) =>
              setQuery({ cluster: (e.target as HTMLSelectElement).value, before: undefined })
            }
          >
            {(data?.clusters ?? []).map((c) => (
              <option key={c.arn} value={c.name}>
                {c.name}
              </option>
            ))}
            {cluster && !data?.clusters.some((c) => c.name === cluster) ? (
              <option value={cluster}>{cluster} (inactive)</option>
            ) : null}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={props.status ?? ''}
            onChange={(e) =>
              setQuery({
                status: (e.target as HTMLSelectElement).value || undefined,
                before: undefined,
              })
            }
          >
            <option value="">All</option>
            <option value="RUNNING">Not yet stopped</option>
            <option value="STOPPED">Stopped</option>
          </select>
        </label>
        {data ? (
          <span class="muted" data-testid="tasks-counts">
            {data.counts.running} running · {data.counts.stopped} stopped
          </span>
        ) : null}
      </div>
      <Section
        title={cluster ? `Tasks in ${cluster}` : 'Tasks'}
        actions={<Loading loading={list.loading && !data} />}
      >
        {data && !cluster ? (
          <p class="muted">There is no cluster in this account and region yet.</p>
        ) : (
          <Paged
            key={`${cluster}|${props.status}|${props.before}`}
            label="Tasks"
            rows={tasks}
            pageSize={PAGE_SIZE}
            empty={props.status ? 'No task with this status.' : 'No task has run here yet.'}
            header={
              <tr>
                <th>Task</th>
                <th>Status</th>
                <th>Task definition</th>
                <th>Started by</th>
                <th>Created</th>
                <th>Stopped</th>
                <th>Exit code</th>
                <th>Stop code</th>
              </tr>
            }
            renderRow={(task) => <TaskRow key={task.taskArn} task={task} cluster={cluster} />}
          />
        )}
        {data ? <WindowNav data={data} before={props.before} shown={tasks.length} /> : null}
      </Section>
    </>
  );
}

function TaskRow(props: { task: TaskShape; cluster: string | undefined }) {
  const { task } = props;
  const id = taskIdOf(task);
  const definition = revisionOf(task.taskDefinitionArn);
  const startedBy = startedByHref(task.startedBy);
  return (
    <tr>
      <td class="mono tasks-id">
        <Link href={scopedHref('/tasks', { cluster: props.cluster, task: id })} title={id}>
          {id.slice(0, 12)}…
        </Link>
      </td>
      <td>
        <Badge value={task.lastStatus} tone={statusTone(task)} />
      </td>
      <td>
        <Link href={taskDefinitionHref(task.taskDefinitionArn)}>
          <Breakable text={`${definition.family}:${definition.revision}`} />
        </Link>
      </td>
      <td>
        {startedBy ? (
          <Link href={startedBy}>
            <Breakable text={task.startedBy ?? ''} />
          </Link>
        ) : task.startedBy ? (
          <Breakable text={task.startedBy} />
        ) : (
          <span class="muted">—</span>
        )}
      </td>
      <td>
        <Time value={task.createdAt} />
      </td>
      <td>
        <Time value={task.stoppedAt} />
      </td>
      <td class="mono">{exitCodes(task)}</td>
      <td title={task.stoppedReason}>
        <Breakable text={task.stopCode ?? ''} />
      </td>
    </tr>
  );
}

/** Moves the server's window: older by cursor, or back to the newest tasks. */
function WindowNav(props: { data: TasksResponse; before?: string; shown: number }) {
  if (!props.before && !props.data.nextCursor) return null;
  return (
    <nav class="pager" aria-label="Task windows">
      {props.before ? (
        <button onClick={() => setQuery({ before: undefined })}>⇤ Newest tasks</button>
      ) : null}
      <span class="muted">
        {props.shown} of {props.data.total} tasks in this window
      </span>
      {props.data.nextCursor ? (
        <button onClick={() => setQuery({ before: props.data.nextCursor })}>Older tasks ⇥</button>
      ) : null}
    </nav>
  );
}
