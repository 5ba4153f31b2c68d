/**
 * A run's status: the invocation's outcome beside what became of each task it started.
 * "started" only says RunTask accepted the task, so it is never green by itself: the
 * task's fate (running, exited 0, exited non-zero, failed to start, stopped by a
 * restart) carries the colour, with ECS's stoppedReason as its tooltip. An API
 * destination's invocation shows the endpoint's HTTP answer the same way.
 */
import type { InvocationView, TaskFateView } from '../../shared/api-types.js';
import { Badge } from './common.js';

type Tone = 'good' | 'bad' | 'warn' | 'plain';

/** Words and colour for a task's fate. */
export function taskFate(fate: TaskFateView): { label: string; tone: Tone } {
  if (fate.lastStatus === undefined) return { label: 'task gone', tone: 'plain' };
  if (fate.lastStatus !== 'STOPPED') {
    return { label: fate.lastStatus === 'RUNNING' ? 'running' : 'starting', tone: 'warn' };
  }
  if (fate.stopCode === 'TaskFailedToStart') return { label: 'failed to start', tone: 'bad' };
  if (fate.stopCode === 'TerminationNotice') return { label: 'stopped by a restart', tone: 'bad' };
  if (fate.exitCode === 0) return { label: 'exited 0', tone: 'good' };
  if (fate.exitCode !== undefined) return { label: `exited ${fate.exitCode}`, tone: 'bad' };
  return { label: 'stopped', tone: 'bad' };
}

export function RunStatus(props: { invocation: InvocationView }) {
  const { invocation } = props;
  const tasks = invocation.tasks;
  return (
    <span class="run-status" data-testid="run-status">
      <Badge
        value={invocation.outcome}
        {...(invocation.outcome === 'started' && tasks.length > 0 ? { tone: 'plain' } : {})}
      />
      {invocation.httpStatus !== undefined && (
        <span class="run-fate" data-testid="http-status" title="The endpoint's answer">
          <span class="muted" aria-hidden="true">
            {' → '}
          </span>
          <Badge
            value={`HTTP ${invocation.httpStatus}`}
            tone={invocation.httpStatus >= 200 && invocation.httpStatus < 300 ? 'good' : 'bad'}
          />
        </span>
      )}
      {tasks.map((task) => {
        const fate = taskFate(task);
        return (
          <span
            key={task.taskArn}
            class="run-fate"
            data-testid="task-fate"
            title={task.stoppedReason ?? task.taskArn}
          >
            <span class="muted" aria-hidden="true">
              {' → '}
            </span>
            <Badge value={fate.label} tone={fate.tone} />
          </span>
        );
      })}
    </span>
  );
}
