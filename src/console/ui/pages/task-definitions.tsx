/**
 * The Task definitions page: families, a family's revisions (ACTIVE and INACTIVE), one
 * revision's JSON as DescribeTaskDefinition gives it, and a diff between two revisions,
 * all in the address (`?family=F&revision=N&compare=M`) so a view can be bookmarked.
 */
import { useState } from 'preact/hooks';
import { useApi } from '../api.js';
import { Badge, ErrorBox, JsonView, Loading, Paged, Section } from '../components/common.js';
import { Link } from '../components/link.js';
import { Time } from '../components/time.js';
import { setQuery, type Location } from '../router.js';
import type {
  TaskDefinitionDetail,
  TaskDefinitionFamilyView,
  TaskDefinitionsResponse,
} from '../../shared/api-types.js';
import { RevisionDiff } from './task-definitions/diff-view.js';
import { scopedHref } from './tasks/shape.js';

export function TaskDefinitionsPage(props: { location: Location }) {
  const query = props.location.query;
  const list = useApi<TaskDefinitionsResponse>('task-definitions');
  const familyName = query.get('family') || undefined;
  const family = list.data?.families.find((f) => f.family === familyName);
  const latest = family?.revisions[family.revisions.length - 1]?.revision;
  const revision = wholeNumber(query.get('revision')) ?? latest;
  const compare = wholeNumber(query.get('compare'));
  return (
    <div class="task-definitions">
      <h1>Task definitions</h1>
      <ErrorBox error={list.error} />
      <div class="split">
        <Section title="Families" actions={<Loading loading={list.loading && !list.data} />}>
          {list.data ? <FamilyList families={list.data.families} selected={familyName} /> : null}
        </Section>
        <div class="task-definitions-main">
          {familyName && list.data && !family ? (
            <div class="error" role="alert">
              There is no task definition family {familyName} in this account and region.
            </div>
          ) : null}
          {family && revision !== undefined ? (
            <>
              <Revisions family={family} selected={revision} compare={compare} />
              {compare !== undefined && compare !== revision ? (
                <RevisionDiff
                  key={`${family.family}:${revision}:${compare}`}
                  family={family.family}
                  from={Math.min(revision, compare)}
                  to={Math.max(revision, compare)}
                />
              ) : null}
              <RevisionJson
                key={`${family.family}:${revision}`}
                family={family.family}
                revision={revision}
              />
            </>
          ) : null}
          {!familyName && list.data && list.data.families.length > 0 ? (
            <p class="muted">Pick a family to see its revisions.</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function wholeNumber(raw: string | null): number | undefined {
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function FamilyList(props: { families: TaskDefinitionFamilyView[]; selected?: string }) {
  const [filter, setFilter] = useState('');
  const shown = props.families.filter((f) => f.family.includes(filter));
  return (
    <>
      <label class="task-definitions-filter">
        Filter{' '}
        <input
          type="search"
          value={filter}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />
      </label>
      <Paged
        label="Task definition families"
        rows={shown}
        pageSize={50}
        empty={filter ? 'No family matches.' : 'No task definition is registered here yet.'}
        header={
          <tr>
            <th>Family</th>
            <th>Latest</th>
            <th>Status</th>
          </tr>
        }
        renderRow={(f) => (
          <tr
            key={f.family}
            class={f.family === props.selected ? 'selected' : undefined}
            aria-current={f.family === props.selected ? 'true' : undefined}
          >
            <td>
              <Link href={scopedHref('/task-definitions', { family: f.family })}>{f.family}</Link>
            </td>
            <td>{f.revisions[f.revisions.length - 1]?.revision}</td>
            <td>
              <Badge value={f.status} />
            </td>
          </tr>
        )}
      />
    </>
  );
}

function Revisions(props: {
  family: TaskDefinitionFamilyView;
  selected: number;
  compare?: number;
}) {
  const { family, selected } = props;
  const at = (revision: number, compare?: number) =>
    scopedHref('/task-definitions', {
      family: family.family,
      revision: String(revision),
      compare: compare === undefined ? undefined : String(compare),
    });
  return (
    <Section
      title={`Revisions of ${family.family}`}
      actions={
        <label>
          Compare with{' '}
          <select
            value={props.compare === undefined ? '' : String(props.compare)}
            onChange={(e) =>
              setQuery({ compare: (e.target as HTMLSelectElement).value || undefined })
            }
          >
            <option value="">(none)</option>
            {family.revisions
              .filter((r) => r.revision !== selected)
              .map((r) => (
                <option key={r.revision} value={String(r.revision)}>
                  revision {r.revision}
                </option>
              ))}
          </select>
        </label>
      }
    >
      <table aria-label="Revisions">
        <thead>
          <tr>
            <th>Revision</th>
            <th>Status</th>
            <th>Registered</th>
            <th>Deregistered</th>
            <th>Diff</th>
          </tr>
        </thead>
        <tbody>
          {[...family.revisions].reverse().map((r) => (
            <tr
              key={r.revision}
              class={r.revision === selected ? 'selected' : undefined}
              aria-current={r.revision === selected ? 'true' : undefined}
            >
              <td>
                <Link href={at(r.revision)} title={r.arn}>
                  {family.family}:{r.revision}
                </Link>
              </td>
              <td>
                <Badge value={r.status} />
              </td>
              <td>
                <Time value={r.registeredAt} />
              </td>
              <td>
                <Time value={r.deregisteredAt} />
              </td>
              <td>
                {r.revision === selected ? (
                  <span class="muted">shown</span>
                ) : (
                  <Link href={at(selected, r.revision)}>
                    {`Compare ${r.revision} with ${selected}`}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function RevisionJson(props: { family: string; revision: number }) {
  const detail = useApi<TaskDefinitionDetail>('task-definition', {
    family: props.family,
    revision: props.revision,
  });
  return (
    <Section
      title={`${props.family}:${props.revision}`}
      actions={<Loading loading={detail.loading && !detail.data} />}
    >
      <ErrorBox error={detail.error} />
      {detail.data ? (
        <>
          {detail.data.tags.length > 0 ? (
            <p>
              Tags:{' '}
              {detail.data.tags.map((t) => (
                <code key={t.key} class="task-definitions-tag">
                  {t.key}={t.value}
                </code>
              ))}
            </p>
          ) : null}
          <JsonView value={detail.data.taskDefinition} />
        </>
      ) : null}
    </Section>
  );
}
