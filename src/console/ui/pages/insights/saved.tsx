/**
 * Saved queries (CloudWatch Logs query definitions): pick one to load its query and log
 * groups into the page, or save the query in the box under a name.
 */
import { useState } from 'preact/hooks';
import type { SavedQuery } from '../../../shared/api-types.js';
import { ApiFailure, postJson, useApi } from '../../api.js';
import { ErrorBox } from '../../components/common.js';

export function SavedQueries(props: {
  query: string;
  groups: string[];
  onLoad: (saved: SavedQuery) => void;
}) {
  const saved = useApi<SavedQuery[]>('insights/definitions');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiFailure>();
  const save = async () => {
    setError(undefined);
    try {
      const existing = saved.data?.find((s) => s.name === name.trim());
      await postJson('insights/definitions', {
        name,
        query: props.query,
        groups: props.groups,
        ...(existing ? { id: existing.id } : {}),
      });
      saved.reload();
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'Error', String(e)));
    }
  };
  return (
    <div class="insights-saved">
      <label>
        Saved queries{' '}
        <select
          aria-label="Saved queries"
          value=""
          onChange={(e) => {
            const chosen = saved.data?.find((s) => s.id === (e.target as HTMLSelectElement).value);
            if (chosen) props.onLoad(chosen);
          }}
        >
          <option value="">
            {saved.data?.length ? 'Load a saved query…' : 'No saved queries'}
          </option>
          {(saved.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <form
        class="insights-save"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          aria-label="Saved query name"
          placeholder="Name"
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={name.trim() === ''}>
          Save query
        </button>
      </form>
      <ErrorBox error={error ?? saved.error} />
    </div>
  );
}
