/**
 * Two revisions of a family side by side as one line diff of their JSON, older first,
 * with the changed field paths above it. Long unchanged stretches fold to a line.
 */
import { useMemo, useState } from 'preact/hooks';
import { useApi } from '../../api.js';
import { ErrorBox, Loading, Section } from '../../components/common.js';
import type { TaskDefinitionDetail } from '../../../shared/api-types.js';
import { canonicalJson, changedPaths, diffLines, type DiffLine } from './diff.js';

/** Unchanged lines kept around each change when the rest is folded. */
const CONTEXT = 3;

export function RevisionDiff(props: { family: string; from: number; to: number }) {
  const older = useApi<TaskDefinitionDetail>('task-definition', {
    family: props.family,
    revision: props.from,
  });
  const newer = useApi<TaskDefinitionDetail>('task-definition', {
    family: props.family,
    revision: props.to,
  });
  const [whole, setWhole] = useState(false);
  const a = older.data?.taskDefinition;
  const b = newer.data?.taskDefinition;
  const diff = useMemo(() => {
    if (!a || !b) return undefined;
    const lines = diffLines(canonicalJson(a).split('\n'), canonicalJson(b).split('\n'));
    return {
      lines,
      added: lines.filter((l) => l.kind === 'add').length,
      removed: lines.filter((l) => l.kind === 'del').length,
      paths: changedPaths(a, b),
    };
  }, [a, b]);
  return (
    <Section
      title={`Revision ${props.from} → revision ${props.to}`}
      actions={
        <>
          <Loading loading={!diff && (older.loading || newer.loading)} />
          <button aria-pressed={whole} onClick={() => setWhole(!whole)}>
            {whole ? 'Fold unchanged lines' : 'Show every line'}
          </button>
        </>
      }
    >
      <ErrorBox error={older.error ?? newer.error} />
      {diff ? (
        <>
          <p data-testid="diff-summary">
            <span class="tasks-exit-ok">+{diff.added}</span>{' '}
            <span class="tasks-exit-bad">−{diff.removed}</span> lines; {diff.paths.length} changed{' '}
            {diff.paths.length === 1 ? 'field' : 'fields'}
          </p>
          <ul class="task-definitions-paths" aria-label="Changed fields">
            {diff.paths.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
          <DiffLines lines={diff.lines} whole={whole} />
        </>
      ) : null}
    </Section>
  );
}

function DiffLines(props: { lines: DiffLine[]; whole: boolean }) {
  const shown = props.whole ? props.lines.map(() => true) : nearChanges(props.lines);
  const out: preact.JSX.Element[] = [];
  for (let i = 0; i < props.lines.length; i++) {
    if (!shown[i]) {
      let end = i;
      while (end < props.lines.length && !shown[end]) end++;
      out.push(
        <span key={`gap${i}`} class="task-definitions-gap">
          ⋯ {end - i} unchanged {end - i === 1 ? 'line' : 'lines'}
        </span>,
      );
      i = end - 1;
      continue;
    }
    const line = props.lines[i];
    if (!line) continue;
    if (line.kind === 'add') out.push(<ins key={i}>{`+ ${line.text}`}</ins>);
    else if (line.kind === 'del') out.push(<del key={i}>{`- ${line.text}`}</del>);
    else out.push(<span key={i}>{`  ${line.text}`}</span>);
  }
  return (
    <pre class="task-definitions-diff" aria-label="Line diff">
      {out}
    </pre>
  );
}

/** Which lines to show folded: every change and CONTEXT unchanged lines either side. */
function nearChanges(lines: DiffLine[]): boolean[] {
  const shown = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(lines.length - 1, i + CONTEXT); k++) {
      shown[k] = true;
    }
  });
  return shown;
}
