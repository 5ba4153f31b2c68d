/**
 * The Insights page: a Logs Insights query over chosen log groups and a time range (ending
 * at the teiki clock's now), its rows as a table, and a chart for `stats … by bin(…)`.
 * Saved queries (query definitions) load into the box and can be saved from it. The
 * address holds the groups, range and query, so a query can be bookmarked.
 */
import { useState } from 'preact/hooks';
import type { LogGroupsResponse } from '../../shared/api-types.js';
import { useApi } from '../api.js';
import { ErrorBox, Section } from '../components/common.js';
import type { Location } from '../router.js';
import { setQuery } from '../router.js';
import { BinChart } from './insights/chart.js';
import { QueryEditor } from './insights/editor.js';
import { ResultsTable } from './insights/results.js';
import { useQueryRun } from './insights/run.js';
import { SavedQueries } from './insights/saved.js';

export const DEFAULT_QUERY = 'fields @timestamp, @message\n| sort @timestamp desc\n| limit 20';

export const RANGES: Array<[string, number]> = [
  ['5m', 5 * 60],
  ['15m', 15 * 60],
  ['1h', 60 * 60],
  ['6h', 6 * 60 * 60],
  ['1d', 24 * 60 * 60],
  ['1w', 7 * 24 * 60 * 60],
];

export function InsightsPage(props: { location: Location }) {
  const { query } = props.location;
  const groups = (query.get('groups') ?? '').split(',').filter((g) => g !== '');
  const range = query.get('range') ?? '1h';
  const text = query.get('query') ?? DEFAULT_QUERY;
  const [draft, setDraft] = useState(text);
  const available = useApi<LogGroupsResponse>('logs/groups');
  const run = useQueryRun();

  const start = () => {
    setQuery({ query: draft, groups: groups.join(','), range }, true);
    const seconds = RANGES.find(([name]) => name === range)?.[1] ?? 3600;
    void run.start(groups, draft, seconds);
  };

  return (
    <div>
      <h1>Logs Insights</h1>
      <Section title="Query">
        <div class="insights-form">
          <fieldset class="insights-groups">
            <legend>Log groups</legend>
            <ErrorBox error={available.error} />
            {(available.data?.groups ?? []).map((g) => (
              <label key={g.name}>
                <input
                  type="checkbox"
                  checked={groups.includes(g.name)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on ? [...groups, g.name] : groups.filter((x) => x !== g.name);
                    setQuery({ groups: next.join(',') || undefined }, true);
                  }}
                />{' '}
                {g.name}
              </label>
            ))}
            {available.data && available.data.groups.length === 0 ? (
              <p class="muted">No log groups yet.</p>
            ) : null}
          </fieldset>
          <div class="insights-query">
            <div class="insights-toolbar">
              <label>
                Time range{' '}
                <select
                  aria-label="Time range"
                  value={range}
                  onChange={(e) => setQuery({ range: (e.target as HTMLSelectElement).value }, true)}
                >
                  {RANGES.map(([name]) => (
                    <option key={name} value={name}>
                      Last {name}
                    </option>
                  ))}
                </select>
              </label>
              <SavedQueries
                query={draft}
                groups={groups}
                onLoad={(saved) => {
                  setDraft(saved.query);
                  setQuery(
                    { query: saved.query, groups: saved.groups.join(',') || undefined },
                    true,
                  );
                }}
              />
            </div>
            <QueryEditor value={draft} onChange={setDraft} onRun={start} error={run.compileError} />
            <div class="insights-run">
              <button
                type="button"
                class="primary"
                disabled={groups.length === 0 || run.running}
                onClick={start}
              >
                Run query
              </button>
              {groups.length === 0 ? (
                <span class="muted">Choose at least one log group.</span>
              ) : null}
              {run.running ? (
                <button type="button" onClick={() => void run.stop()}>
                  Stop
                </button>
              ) : null}
              <span role="status" class="insights-status">
                {run.status}
              </span>
            </div>
          </div>
        </div>
      </Section>
      <ErrorBox error={run.error} />
      {run.results?.chart ? (
        <Section title="Chart">
          <BinChart results={run.results} />
        </Section>
      ) : null}
      {run.results ? (
        <Section title="Results">
          <ResultsTable results={run.results} />
        </Section>
      ) : null}
    </div>
  );
}
