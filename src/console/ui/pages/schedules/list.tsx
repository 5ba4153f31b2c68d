/** Every rule with a schedule and every Scheduler schedule, one row each, to pick from. */
import { Badge } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { RunStatus } from '../../components/run-status.js';
import { Time } from '../../components/time.js';
import { href } from '../../router.js';
import type { ScheduleView } from '../../../shared/api-types.js';

export interface Selection {
  kind: 'rule' | 'schedule';
  name: string;
  container: string;
}

/** The page's address with `view` selected, keeping the account and region looked at. */
export function selectionHref(view: Selection): string {
  const here = new URLSearchParams(window.location.search);
  return href('/schedules', {
    account: here.get('account') ?? undefined,
    region: here.get('region') ?? undefined,
    kind: view.kind,
    name: view.name,
    container: view.container,
  });
}

export function isSelected(view: Selection, selection: Selection | undefined): boolean {
  return (
    selection !== undefined &&
    view.kind === selection.kind &&
    view.name === selection.name &&
    view.container === selection.container
  );
}

export function ScheduleList(props: {
  schedules: ScheduleView[];
  selection: Selection | undefined;
}) {
  if (props.schedules.length === 0) {
    return (
      <p class="muted">
        No rule has a schedule expression and there is no Scheduler schedule in this account and
        region yet.
      </p>
    );
  }
  return (
    <table aria-label="Schedules">
      <thead>
        <tr>
          <th>Name</th>
          <th>Kind</th>
          <th>Expression</th>
          <th>Reading</th>
          <th>State</th>
          <th>Next run</th>
          <th>Last run</th>
        </tr>
      </thead>
      <tbody>
        {props.schedules.map((view) => (
          <tr
            key={`${view.kind}|${view.container}|${view.name}`}
            class={isSelected(view, props.selection) ? 'selected' : undefined}
            aria-current={isSelected(view, props.selection) ? 'true' : undefined}
          >
            <td>
              <Link href={selectionHref(view)}>{view.name}</Link>
            </td>
            <td>
              {view.kind === 'rule' ? 'EventBridge rule' : 'Scheduler schedule'}
              <div class="muted">
                {view.kind === 'rule' ? 'bus' : 'group'} {view.container}
              </div>
            </td>
            <td>
              <code>{view.expression}</code>
            </td>
            <td>{view.reading}</td>
            <td>
              <Badge value={view.state} />
            </td>
            <td>
              {view.state === 'ENABLED' ? (
                <Time value={view.nextRuns[0]} />
              ) : (
                <span class="muted">paused</span>
              )}
            </td>
            <td>
              {view.lastInvocation ? (
                <>
                  <RunStatus invocation={view.lastInvocation} />{' '}
                  <Time value={view.lastInvocation.invokedTime} />
                </>
              ) : (
                <span class="muted">never</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
