/** Every invocation of one rule or schedule, newest first, a page at a time. */
import { Paged } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { RunStatus } from '../../components/run-status.js';
import { Time } from '../../components/time.js';
import { href } from '../../router.js';
import type { InvocationView } from '../../../shared/api-types.js';

/** The tasks page's address for a task ARN (`…:task/CLUSTER/ID`). */
function taskHref(arn: string): { href: string; id: string } {
  const [, cluster = '', id = arn] = /:task\/([^/]+)\/(.+)$/.exec(arn) ?? [];
  return { href: href('/tasks', { cluster, task: id }), id };
}

export function InvocationHistory(props: { invocations: InvocationView[] }) {
  return (
    <Paged
      label="Invocation history"
      rows={props.invocations}
      empty="Never invoked yet."
      header={
        <tr>
          <th>Invoked</th>
          <th>Scheduled for</th>
          <th>Outcome → task</th>
          <th>Target</th>
          <th>Tasks</th>
          <th>Attempts</th>
          <th>Failure reason</th>
        </tr>
      }
      renderRow={(row, index) => (
        <tr key={`${row.invokedTime}|${row.target.id}|${index}`}>
          <td>
            <Time value={row.invokedTime} />
          </td>
          <td>
            <Time value={row.scheduledTime} />
          </td>
          <td>
            <RunStatus invocation={row} />
          </td>
          <td class="mono">{row.target.id}</td>
          <td class="mono">
            {row.taskArns.length === 0 ? (
              <span class="muted">—</span>
            ) : (
              row.taskArns.map((arn) => {
                const task = taskHref(arn);
                return (
                  <div key={arn}>
                    <Link href={task.href} title={arn}>
                      {task.id}
                    </Link>
                  </div>
                );
              })
            )}
          </td>
          <td>{row.attempts}</td>
          <td>
            {row.error ? (
              <span class="schedules-reason">
                <strong>{row.error.code}</strong>: {row.error.message}
              </span>
            ) : (
              <span class="muted">—</span>
            )}
          </td>
        </tr>
      )}
    />
  );
}
