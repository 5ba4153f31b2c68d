/**
 * What a user can do to a rule or schedule from the console: enable or disable it (the
 * API's EnableRule/DisableRule or UpdateSchedule) and fire it now (`POST /_teiki/fire`).
 */
import { useState } from 'preact/hooks';
import { ApiFailure, postAdmin, postJson } from '../../api.js';
import { ErrorBox } from '../../components/common.js';
import type {
  InvocationView,
  ScheduleStateRequest,
  ScheduleView,
} from '../../../shared/api-types.js';

function asError(error: unknown): Error {
  return error instanceof Error ? error : new ApiFailure(0, 'Error', String(error));
}

export function StateToggle(props: { view: ScheduleView; onChanged: () => void }) {
  const { view } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const enabled = view.state === 'ENABLED';
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body: ScheduleStateRequest = {
        kind: view.kind,
        name: view.name,
        container: view.container,
        enabled: !enabled,
      };
      await postJson<ScheduleView>('schedules/state', body);
      props.onChanged();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="schedules-toggle">
      <button
        role="switch"
        aria-checked={enabled}
        aria-label="Enabled"
        title={enabled ? `Disable this ${view.kind}` : `Enable this ${view.kind}`}
        class={enabled ? 'schedules-switch on' : 'schedules-switch'}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {enabled ? 'Enabled' : 'Disabled'}
      </button>
      <ErrorBox error={error} />
    </span>
  );
}

/** What `/_teiki/fire` answers: the invocations it made, a rule's one per target. */
interface FireResult {
  invocations: InvocationView[];
}

export function RunNow(props: { view: ScheduleView; onFired: () => void }) {
  const { view } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<InvocationView[]>();
  const fire = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const scope = { accountId: view.accountId, region: view.region };
    const body =
      view.kind === 'rule'
        ? { rule: view.name, eventBusName: view.container, ...scope }
        : { schedule: view.name, groupName: view.container, ...scope };
    try {
      const answer = await postAdmin<FireResult>('/_teiki/fire', body);
      setResult(answer.invocations);
      props.onFired();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="schedules-run">
      <button class="primary" disabled={busy} onClick={() => void fire()}>
        {busy ? 'Running…' : 'Run now'}
      </button>
      <span role="status" class="muted">
        {result ? fireSummary(result) : ''}
      </span>
      <ErrorBox error={error} />
    </span>
  );
}

function fireSummary(invocations: InvocationView[]): string {
  if (invocations.length === 0) return 'No target to invoke.';
  return invocations
    .map((i) =>
      i.error
        ? `${i.target.id}: ${i.outcome} (${i.error.code})`
        : `${i.target.id}: ${i.outcome}${i.taskArns.length ? `, ${i.taskArns.length} task(s)` : ''}`,
    )
    .join('; ');
}
