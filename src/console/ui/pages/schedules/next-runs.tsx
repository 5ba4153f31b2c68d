/**
 * The next five runs side by side in UTC and in the chosen zone (the header's picker, the
 * browser's zone by default), and in the schedule's own zone when that is a third one:
 * the article's trap, `cron(20 2 * * ? *)` read as 02:20 local when it is 02:20 UTC,
 * made visible.
 */
import { formatInstant, useZone } from '../../components/time.js';
import type { ScheduleView } from '../../../shared/api-types.js';

export function NextRuns(props: { view: ScheduleView }) {
  const { view } = props;
  const zone = useZone();
  const zones = [...new Set(['UTC', zone, view.timezone])];
  const heading = (z: string) =>
    z === view.timezone && z !== 'UTC'
      ? `${z} (schedule's zone)`
      : z === zone && z !== 'UTC'
        ? `${z} (chosen zone)`
        : z;
  return (
    <>
      <p class="muted">
        {view.kind === 'rule'
          ? `A rule reads its expression in UTC: "${view.reading}".`
          : `This schedule reads its expression in ${view.timezone}: "${view.reading}".`}
        {view.state === 'DISABLED'
          ? ' It is disabled: none of these runs until it is enabled.'
          : ''}
        {view.flexibleWindowMinutes !== undefined
          ? ` Each run falls within ${view.flexibleWindowMinutes} minutes after its instant.`
          : ''}
      </p>
      {view.nextRuns.length === 0 ? (
        <p class="muted">It will not run again.</p>
      ) : (
        <table aria-label="Next runs" class="schedules-next">
          <thead>
            <tr>
              <th>#</th>
              {zones.map((z) => (
                <th key={z}>{heading(z)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.nextRuns.map((iso, i) => (
              <tr key={iso}>
                <td>{i + 1}</td>
                {zones.map((z) => (
                  <td key={z} class="mono">
                    <time dateTime={iso}>{formatInstant(iso, z)}</time>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
