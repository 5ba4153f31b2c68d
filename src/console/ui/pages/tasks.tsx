/**
 * The Tasks page: a cluster's tasks, running and stopped, kept beyond ECS's hour
 * (`?cluster=&status=&before=`), and one task opened by its id (`?task=ID`), so each
 * view can be bookmarked.
 */
import type { Location } from '../router.js';
import { TaskDetailView } from './tasks/detail.js';
import { TaskList } from './tasks/list.js';

export function TasksPage(props: { location: Location }) {
  const query = props.location.query;
  const get = (name: string) => query.get(name) || undefined;
  const taskId = get('task');
  return (
    <div class="tasks">
      <h1>Tasks</h1>
      {taskId ? (
        <TaskDetailView key={taskId} cluster={get('cluster')} taskId={taskId} />
      ) : (
        <TaskList cluster={get('cluster')} status={get('status')} before={get('before')} />
      )}
    </div>
  );
}
