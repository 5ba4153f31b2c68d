/**
 * The Schedules page: every rule with a schedule and every Scheduler schedule in one
 * table; the one named in the address (`?kind=rule&name=X&container=default`) opened
 * below it with its next runs, targets, state, "run now" and invocation history.
 */
import { useEffect } from 'preact/hooks';
import { useApi } from '../api.js';
import { onClockMoved } from '../components/clock.js';
import { ErrorBox, Loading, Section } from '../components/common.js';
import type { Location } from '../router.js';
import type { SchedulesResponse } from '../../shared/api-types.js';
import { ScheduleDetail } from './schedules/detail.js';
import { ScheduleList, type Selection } from './schedules/list.js';

/** Often enough that a firing on the real clock shows up without a click. */
const POLL_MS = 5000;

function selectionOf(query: URLSearchParams): Selection | undefined {
  const kind = query.get('kind');
  const name = query.get('name');
  if ((kind !== 'rule' && kind !== 'schedule') || !name) return undefined;
  return { kind, name, container: query.get('container') || 'default' };
}

export function SchedulesPage(props: { location: Location }) {
  const list = useApi<SchedulesResponse>('schedules', {}, POLL_MS);
  const { reload } = list;
  useEffect(() => onClockMoved(reload), [reload]);
  const selection = selectionOf(props.location.query);
  const selected = selection
    ? list.data?.schedules.find(
        (s) =>
          s.kind === selection.kind &&
          s.name === selection.name &&
          s.container === selection.container,
      )
    : undefined;
  return (
    <div class="schedules">
      <h1>Schedules</h1>
      <ErrorBox error={list.error} />
      <Section title="Rules and schedules" actions={<Loading loading={list.loading} />}>
        {list.data ? <ScheduleList schedules={list.data.schedules} selection={selection} /> : null}
      </Section>
      {selection && selected ? (
        <ScheduleDetail
          key={`${selected.kind}|${selected.container}|${selected.name}`}
          view={selected}
          onChanged={reload}
        />
      ) : null}
      {selection && list.data && !selected ? (
        <div class="error" role="alert">
          There is no {selection.kind === 'rule' ? 'rule' : 'schedule'} {selection.name} with a
          schedule {selection.kind === 'rule' ? 'on event bus' : 'in group'} {selection.container}{' '}
          in this account and region.
        </div>
      ) : null}
    </div>
  );
}
