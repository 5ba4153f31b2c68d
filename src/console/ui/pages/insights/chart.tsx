/**
 * The chart of a `stats … by bin(…)` query: a bar per bin, oldest on the left, for the
 * first numeric column (the others are in the table). Plain SVG, drawn from the rows.
 */
import type { InsightsResults } from '../../../shared/api-types.js';

const WIDTH = 900;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 36 };

export function BinChart(props: { results: InsightsResults }) {
  const chart = props.results.chart;
  if (!chart) return null;
  const series = chart.series[0]!;
  const points = props.results.rows
    .map((row) => ({ x: row[chart.x] ?? '', y: Number(row[series]) }))
    .filter((p) => p.x !== '' && Number.isFinite(p.y))
    .sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
  if (points.length === 0) return <p class="muted">Nothing to chart.</p>;
  const max = Math.max(...points.map((p) => p.y), 0) || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / points.length;
  const bar = Math.max(1, step * 0.8);
  const label = (i: number) => points[i]!.x.slice(5, 16);
  const ticks = [0, Math.floor((points.length - 1) / 2), points.length - 1].filter(
    (v, i, all) => all.indexOf(v) === i,
  );
  return (
    <figure class="insights-chart">
      <svg
        role="img"
        aria-label={`${series} by ${chart.x}: ${points.length} bins, highest ${max}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
      >
        <line
          x1={PAD.left}
          y1={PAD.top + plotH}
          x2={WIDTH - PAD.right}
          y2={PAD.top + plotH}
          class="axis"
        />
        <text x={PAD.left - 6} y={PAD.top + 8} class="tick" text-anchor="end">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} class="tick" text-anchor="end">
          0
        </text>
        {points.map((p, i) => {
          const h = (p.y / max) * plotH;
          return (
            <rect
              key={p.x}
              class="bar"
              x={PAD.left + i * step + (step - bar) / 2}
              y={PAD.top + plotH - h}
              width={bar}
              height={h}
            >
              <title>{`${p.x}: ${p.y}`}</title>
            </rect>
          );
        })}
        {ticks.map((i) => (
          <text
            key={i}
            x={PAD.left + i * step + step / 2}
            y={HEIGHT - 12}
            class="tick"
            text-anchor="middle"
          >
            {label(i)}
          </text>
        ))}
      </svg>
      <figcaption class="muted">
        {series} by {chart.x} (UTC)
      </figcaption>
    </figure>
  );
}
