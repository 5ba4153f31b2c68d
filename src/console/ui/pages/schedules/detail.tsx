/**
 * One rule or schedule: what it says and when it runs next, its state with a toggle, its
 * targets with the revision a run would start, "run now", and every invocation so far.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useApi } from '../../api.js';
import { Badge, ErrorBox, Section } from '../../components/common.js';
import { Time } from '../../components/time.js';
import type { InvocationsResponse, ScheduleView } from '../../../shared/api-types.js';
import { RunNow, StateToggle } from './actions.js';
import { InvocationHistory } from './history.js';
import { NextRuns } from './next-runs.js';
import { TargetsTable } from './targets.js';

/** Every invocation is fetched once; the table shows a page at a time (see Paged). */
const HISTORY_LIMIT = 10_000;

export function ScheduleDetail(props: { view: ScheduleView; onChanged: () => void }) {
  const { view } = props;
  const history = useApi<InvocationsResponse>('invocations', {
    kind: view.kind,
    name: view.name,
    container: view.container,
    limit: HISTORY_LIMIT,
  });
  const { reload } = history;
  // The list is polled; when it shows a newer invocation, or its tasks moved on (running,
  // then exited), the history is fetched again.
  const last = view.lastInvocation;
  const fates = last?.tasks.map((t) => `${t.lastStatus}/${t.stopCode}/${t.exitCode}`).join(',');
  const lastSeen = last ? `${last.invokedTime}|${last.outcome}|${last.attempts}|${fates}` : '';
  const seen = useRef(lastSeen);
  useEffect(() => {
    if (seen.current === lastSeen) return;
    seen.current = lastSeen;
    reload();
  }, [lastSeen, reload]);
  const changed = () => {
    props.onChanged();
    reload();
  };
  return (
    <>
      <Section
        title={`${view.kind === 'rule' ? 'Rule' : 'Schedule'} ${view.name}`}
        actions={
          <>
            <StateToggle view={view} onChanged={changed} />
            <RunNow view={view} onFired={changed} />
          </>
        }
      >
        <Facts view={view} />
      </Section>
      <Section title="Next runs">
        <NextRuns view={view} />
      </Section>
      <Section title="Targets">
        <TargetsTable targets={view.targets} />
      </Section>
      <Section
        title="Invocation history"
        actions={
          history.data ? (
            <span class="muted">
              {history.data.total} invocation{history.data.total === 1 ? '' : 's'}
            </span>
          ) : null
        }
      >
        <ErrorBox error={history.error} />
        {history.data ? <InvocationHistory invocations={history.data.invocations} /> : null}
      </Section>
    </>
  );
}

function Facts(props: { view: ScheduleView }) {
  const { view } = props;
  return (
    <dl class="facts">
      <dt>Kind</dt>
      <dd>
        {view.kind === 'rule'
          ? `EventBridge rule on event bus ${view.container}`
          : `EventBridge Scheduler schedule in group ${view.container}`}
      </dd>
      <dt>ARN</dt>
      <dd class="mono">{view.arn}</dd>
      <dt>Expression</dt>
      <dd>
        <code>{view.expression}</code>
      </dd>
      <dt>Reading</dt>
      <dd data-testid="schedule-reading">{view.reading}</dd>
      <dt>Time zone</dt>
      <dd>
        {view.timezone}
        {view.kind === 'rule' ? (
          <span class="muted"> (a rule's expression is always read in UTC)</span>
        ) : null}
      </dd>
      <dt>State</dt>
      <dd>
        <Badge value={view.state} />
      </dd>
      {view.flexibleWindowMinutes !== undefined ? (
        <>
          <dt>Flexible window</dt>
          <dd>each run falls within {view.flexibleWindowMinutes} minutes after its instant</dd>
        </>
      ) : null}
      {view.startDate ? (
        <>
          <dt>Start date</dt>
          <dd>
            <Time value={view.startDate} />
          </dd>
        </>
      ) : null}
      {view.endDate ? (
        <>
          <dt>End date</dt>
          <dd>
            <Time value={view.endDate} />
          </dd>
        </>
      ) : null}
      {view.description ? (
        <>
          <dt>Description</dt>
          <dd>{view.description}</dd>
        </>
      ) : null}
      <dt>Account, region</dt>
      <dd>
        {view.accountId}, {view.region}
      </dd>
    </dl>
  );
}
