/**
 * The services' read models, for the console and the admin routes: what they show that
 * no AWS operation answers (records kept past the API's view, whole records an operation
 * gives in pieces, counts), read by the service that owns the
 * records, so no reader outside services names a collection. Where an operation answers,
 * readers call the operation instead. The triggers' read models (the invocation history,
 * the targets' ECS view) are beside them in src/triggers/queries.ts.
 */
import type { Store } from '../store/types.js';
import { ClusterQueries } from './ecs/clusters/queries.js';
import { TaskDefinitionQueries } from './ecs/task-definitions/queries.js';
import { TaskQueries } from './ecs/tasks/queries.js';
import { RuleQueries } from './events/queries.js';
import { IamQueries } from './iam/queries.js';
import { LogQueries } from './logs/queries.js';
import { ScheduleQueries } from './scheduler/queries.js';

export interface ServiceQueries {
  clusters: ClusterQueries;
  tasks: TaskQueries;
  taskDefinitions: TaskDefinitionQueries;
  rules: RuleQueries;
  schedules: ScheduleQueries;
  logs: LogQueries;
  iam: IamQueries;
}

export function serviceQueries(store: Store): ServiceQueries {
  return {
    clusters: new ClusterQueries(store),
    tasks: new TaskQueries(store),
    taskDefinitions: new TaskDefinitionQueries(store),
    rules: new RuleQueries(store),
    schedules: new ScheduleQueries(store),
    logs: new LogQueries(store),
    iam: new IamQueries(store),
  };
}
