/**
 * "Can this role run this task?": the checks a rule's (events.amazonaws.com) or a
 * schedule's (scheduler.amazonaws.com) ECS target goes through before RunTask, each with
 * its decision and the statement that decided it, or why nothing allowed it.
 */
import { useState } from 'preact/hooks';
import { ApiFailure, postJson } from '../../api.js';
import { Badge, ErrorBox, JsonView, Section } from '../../components/common.js';
import { setQuery } from '../../router.js';
import type {
  CanRunCheck as Check,
  CanRunRequest,
  CanRunResponse,
  RoleView,
} from '../../../shared/api-types.js';

const PRINCIPALS: NonNullable<CanRunRequest['principal']>[] = [
  'events.amazonaws.com',
  'scheduler.amazonaws.com',
];

export function CanRunCheck(props: { roles: RoleView[]; selected: RoleView | undefined }) {
  const [taskDefinition, setTaskDefinition] = useState('');
  const [cluster, setCluster] = useState('');
  const [principal, setPrincipal] = useState<CanRunRequest['principal']>(PRINCIPALS[0]);
  const [answer, setAnswer] = useState<CanRunResponse>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const role = props.selected;

  const check = async () => {
    if (!role) return;
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      const request: CanRunRequest = {
        roleArn: role.arn,
        taskDefinition: taskDefinition.trim(),
        ...(cluster.trim() ? { cluster: cluster.trim() } : {}),
        ...(principal ? { principal } : {}),
      };
      setAnswer(await postJson<CanRunResponse>('iam/can-run', request));
    } catch (e) {
      setError(e instanceof ApiFailure || e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Can this role run this task?">
      <form
        class="iam-can-run"
        aria-label="Can this role run this task?"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <label>
          Role
          <select
            value={role?.name ?? ''}
            onChange={(e) => setQuery({ role: (e.target as HTMLSelectElement).value || undefined })}
          >
            <option value="">Choose a role…</option>
            {props.roles.map((r) => (
              <option key={r.arn} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task definition
          <input
            value={taskDefinition}
            placeholder="family, family:revision or ARN"
            onInput={(e) => setTaskDefinition((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Cluster
          <input
            value={cluster}
            placeholder="default"
            onInput={(e) => setCluster((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Invoked by
          <select
            value={principal}
            onChange={(e) =>
              setPrincipal((e.target as HTMLSelectElement).value as CanRunRequest['principal'])
            }
          >
            <option value={PRINCIPALS[0]}>an EventBridge rule (events.amazonaws.com)</option>
            <option value={PRINCIPALS[1]}>a Scheduler schedule (scheduler.amazonaws.com)</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy || !role || !taskDefinition.trim()}>
          Check
        </button>
      </form>
      <ErrorBox error={error} />
      {answer && answer.roleArn === role?.arn ? <Answer answer={answer} /> : null}
    </Section>
  );
}

function Answer(props: { answer: CanRunResponse }) {
  const { answer } = props;
  return (
    <div class="iam-answer" aria-live="polite" data-testid="can-run-answer">
      <p>
        <Badge
          value={answer.allowed ? 'allowed' : 'denied'}
          tone={answer.allowed ? 'good' : 'bad'}
        />{' '}
        {answer.allowed
          ? 'The target would start the task.'
          : `The target’s invocation would fail with ${firstDenial(answer)}.`}{' '}
        <span class="muted">
          On <code>{answer.taskDefinitionArn}</code> in <code>{answer.clusterArn}</code>, assumed by{' '}
          <code>{answer.principal}</code>.
        </span>
      </p>
      <table aria-label="Checks">
        <thead>
          <tr>
            <th>Check</th>
            <th>Decision</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {answer.checks.map((check, i) => (
            <CheckRow key={i} check={check} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The error of the first check that denies: the one the invocation stops at. */
function firstDenial(answer: CanRunResponse): string {
  return answer.checks.find((check) => !check.allowed)?.deniedWith ?? 'AccessDeniedException';
}

function CheckRow(props: { check: Check }) {
  const { check } = props;
  const deciding = check.decidingStatement;
  return (
    <tr>
      <td>
        <code>{check.check}</code>
        <div class="muted iam-small">
          on <code>{check.resource}</code>
          {check.principal !== undefined ? (
            <>
              {' '}
              by <code>{check.principal}</code>
            </>
          ) : null}
        </div>
      </td>
      <td>
        <Badge value={check.allowed ? 'allowed' : 'denied'} tone={check.allowed ? 'good' : 'bad'} />
      </td>
      <td>
        <p class="iam-reason">{check.reason}</p>
        {deciding ? (
          <div class="iam-deciding">
            <div class="muted iam-small">
              Deciding statement{' '}
              {deciding.sid !== undefined ? (
                <>
                  Sid <code>{deciding.sid}</code>
                </>
              ) : (
                <>#{deciding.index}</>
              )}{' '}
              in <code>{check.policy}</code>
            </div>
            <JsonView value={deciding.json} />
          </div>
        ) : (
          <p class="muted iam-small">No statement allowed it (an implicit deny).</p>
        )}
      </td>
    </tr>
  );
}
