/** Small pieces every page uses: status badges, errors, JSON, paged tables. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../api.js';

const GOOD = new Set([
  'ENABLED',
  'ACTIVE',
  'RUNNING',
  'started',
  'delivered',
  'HEALTHY',
  'succeeded',
  'COMPLETED',
  'PRIMARY',
]);
const BAD = new Set([
  'failed',
  'dead-lettered',
  'UNHEALTHY',
  'INACTIVE',
  'DELETE_IN_PROGRESS',
  'FAILED',
]);
const WARN = new Set([
  'DISABLED',
  'retrying',
  'missed',
  'pending',
  'PENDING',
  'PROVISIONING',
  'STOPPING',
  'IN_PROGRESS',
  'DRAINING',
]);

/** A status word with a colour that says good, bad, in-between or neutral. */
export function Badge(props: {
  value: string | undefined;
  tone?: 'good' | 'bad' | 'warn' | 'plain';
}) {
  const value = props.value ?? '—';
  const tone =
    props.tone ??
    (GOOD.has(value) ? 'good' : BAD.has(value) ? 'bad' : WARN.has(value) ? 'warn' : 'plain');
  return <span class={`badge ${tone}`}>{value}</span>;
}

/**
 * `text` with line-break opportunities (`<wbr>`) after `/` and `:` and between camelCase
 * words, so `EssentialContainerExited` or `chronos-schedule/NAME` wrap in a narrow
 * column at a word, not mid-word and not outside their cell. The text is unchanged.
 */
export function Breakable(props: { text: string }) {
  const parts = props.text.split(/(?<=[/:])|(?<=[a-z])(?=[A-Z])/);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {i > 0 ? <wbr /> : null}
          {part}
        </>
      ))}
    </>
  );
}

export function ErrorBox(props: { error: ApiFailure | Error | undefined }) {
  if (!props.error) return null;
  const code = 'code' in props.error ? String(props.error.code) : 'Error';
  return (
    <div class="error" role="alert">
      <strong>{code}</strong>: {props.error.message}
    </div>
  );
}

export function Loading(props: { loading: boolean }) {
  return props.loading ? (
    <span class="muted" aria-live="polite">
      Loading…
    </span>
  ) : null;
}

export function JsonView(props: { value: unknown }) {
  return <pre class="json">{JSON.stringify(props.value, null, 2)}</pre>;
}

export function Section(props: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class="panel">
      <header>
        <h2>{props.title}</h2>
        {props.actions ? <div class="actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}

/**
 * Rows shown a page at a time, so a list of 10,000 runs renders as fast as one of 50;
 * `renderRow` is only called for the rows on screen.
 */
export function Paged<T>(props: {
  rows: T[];
  pageSize?: number;
  header: ComponentChildren;
  renderRow: (row: T, index: number) => ComponentChildren;
  empty?: string;
  label: string;
}) {
  const size = props.pageSize ?? 100;
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(props.rows.length / size));
  const at = Math.min(page, pages - 1);
  const shown = props.rows.slice(at * size, at * size + size);
  return (
    <div>
      {/* A last resort: a table whose cells cannot wrap any narrower scrolls inside its card. */}
      <div class="table-scroll">
        <table aria-label={props.label}>
          <thead>{props.header}</thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={99} class="muted">
                  {props.empty ?? 'Nothing yet.'}
                </td>
              </tr>
            ) : (
              shown.map((row, i) => props.renderRow(row, at * size + i))
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label={`${props.label} pages`}>
          <button disabled={at === 0} onClick={() => setPage(at - 1)}>
            ← Newer
          </button>
          <span>
            {at * size + 1}–{at * size + shown.length} of {props.rows.length}
          </span>
          <button disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
            Older →
          </button>
        </nav>
      ) : null}
    </div>
  );
}
