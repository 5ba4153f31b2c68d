/**
 * Running one query from the page: StartQuery through the console API, then its results
 * every half second until it has ended (GetQueryResults shows partial rows meanwhile).
 */
import { useRef, useState } from 'preact/hooks';
import type { ClockState, InsightsQueryError, InsightsResults } from '../../../shared/api-types.js';
import { ApiFailure, apiUrl, authHeaders, getJson, postJson } from '../../api.js';

const POLL_MS = 500;

export interface QueryRun {
  running: boolean;
  status: string;
  results: InsightsResults | undefined;
  error: ApiFailure | undefined;
  /** Where the last query failed to compile, for the editor to mark. */
  compileError: { message: string; start: number; end: number } | undefined;
  start(groups: string[], query: string, rangeSeconds: number): Promise<void>;
  stop(): Promise<void>;
}

export function useQueryRun(): QueryRun {
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState('');
  const [results, setResults] = useState<InsightsResults>();
  const [error, setError] = useState<ApiFailure>();
  const [compileError, setCompileError] = useState<QueryRun['compileError']>();
  const current = useRef(0);
  const queryId = useRef<string>();

  const start = async (groups: string[], query: string, rangeSeconds: number) => {
    const run = ++current.current;
    setRunning(true);
    setError(undefined);
    setCompileError(undefined);
    setStatus('Starting…');
    try {
      // The range ends at the teiki clock's now, which a virtual clock may have moved.
      const clock = (await (
        await fetch('/_teiki/clock', { headers: authHeaders() })
      ).json()) as ClockState;
      const endTime = Math.floor(Date.parse(clock.now) / 1000);
      const started = await postStart(groups, query, endTime - rangeSeconds, endTime);
      if (!('queryId' in started)) {
        const failed = started;
        setCompileError({
          message: failed.message,
          start: failed.location?.start ?? 0,
          end: failed.location?.end ?? 0,
        });
        setStatus('The query does not compile.');
        return;
      }
      queryId.current = started.queryId;
      for (;;) {
        if (run !== current.current) return;
        const out = await getJson<InsightsResults>('insights/results', {
          id: started.queryId,
          query,
        });
        if (run !== current.current) return;
        setResults(out);
        setStatus(describe(out));
        if (out.status !== 'Running' && out.status !== 'Scheduled') return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'Error', String(e)));
      setStatus('');
    } finally {
      if (run === current.current) setRunning(false);
    }
  };

  const stop = async () => {
    current.current++;
    setRunning(false);
    setStatus('Stopped.');
    const id = queryId.current;
    // A query that ended meanwhile cannot be stopped; there is nothing to tell then.
    if (id) await postJson('insights/stop', {}, { id }).catch(() => undefined);
  };

  return { running, status, results, error, compileError, start, stop };
}

/** StartQuery, reading the body of a refusal too: a compile error carries its location. */
async function postStart(
  groups: string[],
  query: string,
  startTime: number,
  endTime: number,
): Promise<{ queryId: string } | InsightsQueryError> {
  const res = await fetch(apiUrl('insights/queries'), {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ groups, query, startTime, endTime }),
  });
  const body = (await res.json()) as { queryId: string } | InsightsQueryError;
  if (res.ok || ('error' in body && body.error === 'MalformedQueryException')) return body;
  const failed = body as InsightsQueryError;
  throw new ApiFailure(res.status, failed.error ?? 'Error', failed.message ?? res.statusText);
}

function describe(out: InsightsResults): string {
  const s = out.statistics;
  const records = `${s.recordsMatched.toLocaleString('en-US')} of ${s.recordsScanned.toLocaleString('en-US')} records matched`;
  return `${out.status}: ${records}, ${out.rows.length.toLocaleString('en-US')} rows, ${formatBytes(s.bytesScanned)} scanned.`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
