/** The overview's figures: one card per kind of resource, and the last 24 h of runs. */
import { Link } from '../../components/link.js';
import { href } from '../../router.js';
import type { Overview } from '../../../shared/api-types.js';

interface CardDef {
  key: keyof Overview['counts'];
  label: string;
  /** Where the card leads; event-pattern rules have no page of their own. */
  to?: string;
}

const CARDS: CardDef[] = [
  { key: 'scheduledRules', label: 'Scheduled rules', to: href('/schedules') },
  { key: 'eventRules', label: 'Event-pattern rules' },
  { key: 'schedules', label: 'Scheduler schedules', to: href('/schedules') },
  { key: 'clusters', label: 'Clusters', to: href('/tasks') },
  {
    key: 'taskDefinitionFamilies',
    label: 'Task definition families',
    to: href('/task-definitions'),
  },
  { key: 'runningTasks', label: 'Running tasks', to: href('/tasks', { status: 'RUNNING' }) },
  { key: 'logGroups', label: 'Log groups', to: href('/logs') },
  { key: 'roles', label: 'IAM roles', to: href('/iam') },
];

export function CountCards(props: { counts: Overview['counts'] }) {
  return (
    <ul class="cards overview-cards" aria-label="Counts">
      {CARDS.map((card) => {
        const body = (
          <>
            <span class="n" data-testid={`count-${card.key}`}>
              {props.counts[card.key]}
            </span>{' '}
            <span class="overview-card-label">{card.label}</span>
          </>
        );
        return (
          <li key={card.key}>
            {card.to ? (
              <Link href={card.to} class="card">
                {body}
              </Link>
            ) : (
              <div class="card">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function LastDay(props: { figures: Overview['last24h'] }) {
  const { runs, succeeded, failed, running } = props.figures;
  const finished = succeeded + failed;
  const rate = finished === 0 ? undefined : Math.round((succeeded / finished) * 100);
  return (
    <section class="panel overview-runs" aria-label="Runs in the last 24 hours">
      <h2>Runs in the last 24 h</h2>
      <p class="overview-runs-total">
        <Link href={href('/tasks')}>
          <span data-testid="runs-total">{runs}</span> tasks started
        </Link>
        {rate !== undefined ? <span class="muted"> · {rate}% succeeded</span> : null}
      </p>
      {finished + running > 0 ? (
        <div class="overview-bar" aria-hidden="true">
          <span class="overview-bar-good" style={{ flexGrow: succeeded }} />
          <span class="overview-bar-bad" style={{ flexGrow: failed }} />
          <span class="overview-bar-running" style={{ flexGrow: running }} />
        </div>
      ) : null}
      <dl class="facts">
        <dt>Succeeded</dt>
        <dd class="overview-good" data-testid="runs-succeeded">
          {succeeded}
        </dd>
        <dt>Failed</dt>
        <dd class={failed > 0 ? 'overview-bad' : undefined} data-testid="runs-failed">
          {failed}
        </dd>
        <dt>Running</dt>
        <dd data-testid="runs-running">{running}</dd>
      </dl>
      <p class="muted overview-note">Succeeded: stopped with every essential container exited 0.</p>
    </section>
  );
}
