/**
 * The invocations that failed, were dead-lettered or were cut short by a stop of teiki,
 * newest first, each linking to its rule or schedule on the Schedules page.
 */
import { Badge } from '../../components/common.js';
import { Link } from '../../components/link.js';
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
          <th>Outcome</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {props.invocations.length === 0 ? (
          <tr>
            <td colSpan={4} class="muted">
              No failed invocations: every target that fired was invoked.
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
        <Badge value={invocation.outcome} />
        {invocation.attempts > 1 ? (
          <div class="muted overview-small">{invocation.attempts} attempts</div>
        ) : null}
      </td>
      <td class="overview-reason">
        {invocation.error ? (
          <>
            <code>{invocation.error.code}</code> {invocation.error.message}
          </>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}
