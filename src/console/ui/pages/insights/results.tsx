/** A query's rows as a table, its columns in the order the rows show them. */
import type { InsightsResults } from '../../../shared/api-types.js';
import { Paged } from '../../components/common.js';

export function ResultsTable(props: { results: InsightsResults }) {
  const { columns, rows } = props.results;
  return (
    <Paged
      label="Query results"
      rows={rows}
      empty="No rows."
      header={
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      }
      renderRow={(row, i) => (
        <tr key={i}>
          {columns.map((c) => (
            <td key={c} class={c === '@message' ? 'insights-message' : undefined}>
              {row[c] ?? ''}
            </td>
          ))}
        </tr>
      )}
    />
  );
}
