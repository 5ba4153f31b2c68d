/**
 * The invocations that failed, were dead-lettered or were cut short by a stop of teiki,
 * or whose tasks failed (failed to start, exited non-zero, stopped), newest first, each
 * linking to its rule or schedule on the Schedules page.
 */
import { Link } from '../../components/link.js';
import { RunStatus, taskFate } from '../../components/run-status.js';
import { Time } from '../../components/time.js';
import { href } from '../../router.js';
import type { InvocationView } from '../../../shared/api-types.js';

export function AttentionList(props: { invocations: InvocationView[] }) {
  return (
    <table aria-label="Invocations needing attention">
      <thead>
        <tr>
          <th>Invoked</th>
          <th>Rule or schedule</th>
          <th>Outcome → task</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {props.invocations.length === 0 ? (
          <tr>
            <td colSpan={4} class="muted">
              Nothing failed: every target that fired was invoked, and no task it started failed.
            </td>
          </tr>
        ) : (
          props.invocations.map((invocation, i) => <Row key={i} invocation={invocation} />)
        )}
      </tbody>
    </table>
  );
}

function Row(props: { invocation: InvocationView }) {
  const { invocation } = props;
  const where = invocation.source === 'rule' ? 'event bus' : 'group';
  const failedTask = invocation.tasks.find((task) => taskFate(task).tone === 'bad');
  return (
    <tr>
      <td>
        <Time value={invocation.invokedTime} />
        {invocation.scheduledTime !== invocation.invokedTime ? (
          <div class="muted overview-small">
            for <Time value={invocation.scheduledTime} />
          </div>
        ) : null}
      </td>
      <td>
        <Link
          href={href('/schedules', {
            kind: invocation.source,
            name: invocation.name,
            container: invocation.container,
          })}
        >
          {invocation.name}
        </Link>
        <div class="muted overview-small">
          {invocation.source} on {where} {invocation.container} · target {invocation.target.id}
        </div>
      </td>
      <td>
        <RunStatus invocation={invocation} />
        {invocation.attempts > 1 ? (
          <div class="muted overview-small">{invocation.attempts} attempts</div>
        ) : null}
      </td>
      <td class="overview-reason">
        {invocation.error ? (
          <>
            <code>{invocation.error.code}</code> {invocation.error.message}
          </>
        ) : failedTask ? (
          <>
            <code>{failedTask.stopCode ?? taskFate(failedTask).label}</code>{' '}
            {failedTask.stoppedReason ?? taskFate(failedTask).label}
          </>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}
