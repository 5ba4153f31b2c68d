/** A rule's or schedule's targets, with the task definition revision a run would start. */
import { Badge } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { href } from '../../router.js';
import type { ScheduleTargetView } from '../../../shared/api-types.js';

/** `family:3` of a task definition ARN (or the text as it is). */
function familyRevision(arn: string): string {
  const slash = arn.lastIndexOf('task-definition/');
  return slash < 0 ? arn : arn.slice(slash + 'task-definition/'.length);
}

/** The task definitions page's address for a revision (`?family=&revision=`). */
function revisionHref(arn: string): string {
  const [family, revision] = familyRevision(arn).split(':');
  return href('/task-definitions', { family, revision });
}

export function TargetsTable(props: { targets: ScheduleTargetView[] }) {
  return (
    <table aria-label="Targets">
      <thead>
        <tr>
          <th>Target</th>
          <th>Task definition (as named)</th>
          <th>Revision that would run</th>
          <th>Command override</th>
          <th>Role</th>
        </tr>
      </thead>
      <tbody>
        {props.targets.length === 0 ? (
          <tr>
            <td colSpan={5} class="muted">
              No targets: a firing invokes nothing.
            </td>
          </tr>
        ) : (
          props.targets.map((target) => (
            <tr key={target.id}>
              <td>
                <strong>{target.id}</strong>
                <div class="mono muted">{target.arn}</div>
              </td>
              <td class="mono">{target.taskDefinition ?? <span class="muted">—</span>}</td>
              <td data-testid="resolved-revision">
                <Resolved target={target} />
              </td>
              <td class="mono">
                {target.commandOverride ? (
                  target.commandOverride.join(' ')
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td class="mono">{target.roleArn ?? <span class="muted">none</span>}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function Resolved(props: { target: ScheduleTargetView }) {
  const { target } = props;
  if (target.resolvedTaskDefinitionArn) {
    return (
      <>
        <Link
          href={revisionHref(target.resolvedTaskDefinitionArn)}
          title={target.resolvedTaskDefinitionArn}
        >
          {familyRevision(target.resolvedTaskDefinitionArn)}
        </Link>{' '}
        <Badge value={target.resolvedStatus} />
      </>
    );
  }
  if (target.resolveError) return <span class="error-inline">{target.resolveError}</span>;
  return <span class="muted">not an ECS target</span>;
}
