/**
 * The Overview page: how much of each thing there is, how the last 24 h of runs went,
 * and which invocations failed and need a look. It reloads when the clock is moved from
 * the header and every few seconds, so a firing shows up without a click.
 */
import { useEffect } from 'preact/hooks';
import { useApi } from '../api.js';
import { onClockMoved } from '../components/clock.js';
import { ErrorBox, Loading, Section } from '../components/common.js';
import { Time } from '../components/time.js';
import type { Location } from '../router.js';
import type { Overview } from '../../shared/api-types.js';
import { AttentionList } from './overview/attention.js';
import { CountCards, LastDay } from './overview/cards.js';

const POLL_MS = 5000;

export function OverviewPage(_props: { location: Location }) {
  const overview = useApi<Overview>('overview', {}, POLL_MS);
  const { reload, data } = overview;
  useEffect(() => onClockMoved(reload), [reload]);
  return (
    <div class="overview">
      <h1>Overview</h1>
      <ErrorBox error={overview.error} />
      {data ? (
        <>
          <p class="overview-scope muted">
            Account <code>{data.accountId}</code> · region <code>{data.region}</code> ·{' '}
            {data.runtime} runtime · auth {data.auth}
          </p>
          <CountCards counts={data.counts} />
          <div class="overview-row">
            <LastDay figures={data.last24h} />
            <section class="panel overview-clock" aria-label="Clock">
              <h2>Clock</h2>
              <p class="overview-clock-mode">
                {data.clock.mode === 'virtual' ? 'Virtual' : 'Real'} clock
              </p>
              <p data-testid="overview-clock-now">
                <Time value={data.clock.now} />
              </p>
              <p class="muted">
                {data.clock.mode === 'virtual'
                  ? 'Move it from the header: every schedule due on the way fires.'
                  : 'Follows the system clock.'}
              </p>
            </section>
          </div>
          <Section
            title={`Needs attention (${data.attention.length})`}
            actions={<Loading loading={overview.loading} />}
          >
            <AttentionList invocations={data.attention} />
          </Section>
        </>
      ) : (
        <Loading loading={overview.loading} />
      )}
    </div>
  );
}
