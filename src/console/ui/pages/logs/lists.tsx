/** The logs page's left column: log groups, then the chosen group's streams. */
import type { LogGroupsResponse, LogStreamsResponse } from '../../../shared/api-types.js';
import { useApi } from '../../api.js';
import { ErrorBox, Loading, Paged, Section } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { Time } from '../../components/time.js';
import { href } from '../../router.js';

/** A logs page address; the account and region being looked at are kept. */
export function logsHref(
  current: URLSearchParams,
  next: { group?: string; stream?: string; filter?: string; tail?: string },
): string {
  return href('/logs', {
    account: current.get('account') ?? undefined,
    region: current.get('region') ?? undefined,
    ...next,
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function GroupList(props: { query: URLSearchParams; selected: string }) {
  const { data, error, loading, reload } = useApi<LogGroupsResponse>('logs/groups');
  return (
    <Section
      title="Log groups"
      actions={
        <>
          <Loading loading={loading} />
          <button type="button" onClick={reload}>
            Refresh groups
          </button>
        </>
      }
    >
      <ErrorBox error={error} />
      <Paged
        label="Log groups"
        rows={data?.groups ?? []}
        pageSize={50}
        empty={loading ? 'Loading…' : 'No log groups in this account and region.'}
        header={
          <tr>
            <th>Group</th>
            <th>Stored</th>
            <th>Retention</th>
          </tr>
        }
        renderRow={(group) => (
          <tr key={group.arn} class={group.name === props.selected ? 'selected' : undefined}>
            <td class="logs-name">
              <Link href={logsHref(props.query, { group: group.name })} title={group.arn}>
                {group.name}
              </Link>
            </td>
            <td>{formatBytes(group.storedBytes)}</td>
            <td>
              {group.retentionInDays === undefined ? 'Never expire' : `${group.retentionInDays} d`}
            </td>
          </tr>
        )}
      />
    </Section>
  );
}

export function StreamList(props: { query: URLSearchParams; group: string; selected: string }) {
  const { data, error, loading, reload } = useApi<LogStreamsResponse>('logs/streams', {
    group: props.group,
  });
  const filter = props.query.get('filter') ?? undefined;
  return (
    <Section
      title="Log streams"
      actions={
        <>
          <Loading loading={loading} />
          <button type="button" onClick={reload}>
            Refresh streams
          </button>
        </>
      }
    >
      <ErrorBox error={error} />
      <p class="logs-all">
        {props.selected ? (
          <Link href={logsHref(props.query, { group: props.group, filter })}>
            All streams of {props.group}
          </Link>
        ) : (
          <strong>All streams of {props.group}</strong>
        )}
      </p>
      <Paged
        label="Log streams"
        rows={data?.streams ?? []}
        pageSize={50}
        empty={loading ? 'Loading…' : 'No streams in this group.'}
        header={
          <tr>
            <th>Stream</th>
            <th>Last event</th>
          </tr>
        }
        renderRow={(stream) => (
          <tr key={stream.name} class={stream.name === props.selected ? 'selected' : undefined}>
            <td class="logs-name">
              <Link
                href={logsHref(props.query, { group: props.group, stream: stream.name, filter })}
              >
                {stream.name}
              </Link>
            </td>
            <td>
              <Time value={stream.lastEventTime} />
            </td>
          </tr>
        )}
      />
      {data?.truncated ? (
        <p class="muted">
          Only the {data.streams.length} most recently written streams are listed.
        </p>
      ) : null}
    </Section>
  );
}
