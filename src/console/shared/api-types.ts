/**
 * The JSON of `/_teiki/api/…`, shared by the server routes (src/console/server/api) and
 * the pages (src/console/ui). Every route reads `?account=ID&region=R` (teiki's
 * defaults otherwise) and answers errors as `ApiError` with an HTTP status.
 * Instants are ISO-8601 strings in UTC; the pages format them in the chosen zone.
 * AWS shapes (task, task definition, role, ...) are passed through as the AWS API
 * returns them, typed loosely here: the pages read the fields they show.
 */

export interface ApiError {
  error: string;
  message: string;
}

/** An AWS API object as its service returns it (DescribeTasks' task, ...). */
export type AwsObject = Record<string, unknown>;

export interface ClockState {
  now: string;
  mode: 'real' | 'virtual';
}

/** One target invocation, as `GET /_teiki/invocations` lists it. */
export interface InvocationView {
  source: 'rule' | 'schedule';
  name: string;
  /** The rule's event bus, or the schedule's group. */
  container: string;
  accountId: string;
  region: string;
  scheduledTime: string;
  invokedTime: string;
  target: { id: string; arn: string };
  outcome: 'pending' | 'started' | 'delivered' | 'failed' | 'retrying' | 'dead-lettered' | 'missed';
  taskArns: string[];
  /** What became of each task in `taskArns` (same order), read when the page asked. */
  tasks: TaskFateView[];
  attempts: number;
  /** An API destination's endpoint: the HTTP status of the last attempt's answer. */
  httpStatus?: number;
  error?: { code: string; message: string };
}

/** A started task's fate, from its record (src/services/ecs/tasks/fate.ts). */
export interface TaskFateView {
  taskArn: string;
  /** Absent when the task's record is gone. */
  lastStatus?: string;
  stopCode?: string;
  /** The deciding essential container's exit code: 0 when every essential one exited 0. */
  exitCode?: number;
  stoppedReason?: string;
}

/** GET /_teiki/api/overview */
export interface Overview {
  clock: ClockState;
  accountId: string;
  region: string;
  runtime: string;
  auth: 'open' | 'enforce';
  counts: {
    /** Rules with a schedule expression, on every event bus. */
    scheduledRules: number;
    /** Rules with an event pattern (and no schedule), on every event bus. */
    eventRules: number;
    schedules: number;
    /** ACTIVE clusters. */
    clusters: number;
    /** Families with an ACTIVE revision (ListTaskDefinitionFamilies). */
    taskDefinitionFamilies: number;
    /** Tasks not yet STOPPED, in every cluster. */
    runningTasks: number;
    logGroups: number;
    /** IAM roles of the account (IAM is global). */
    roles: number;
  };
  /**
   * Tasks created in the 24 h before the clock's now: succeeded = STOPPED with every
   * essential container exited 0, failed = any other STOPPED, running = not yet STOPPED.
   */
  last24h: { runs: number; succeeded: number; failed: number; running: number };
  /**
   * The latest invocations that failed, were dead-lettered or interrupted, or whose tasks
   * failed (stopped without every essential container exiting 0) (at most 20).
   */
  attention: InvocationView[];
}

/** GET /_teiki/api/schedules : every rule with a schedule and every Scheduler schedule. */
export interface SchedulesResponse {
  /** The clock's now the next runs were computed from. */
  now: string;
  schedules: ScheduleView[];
}

export interface ScheduleView {
  kind: 'rule' | 'schedule';
  name: string;
  /** The rule's event bus, or the schedule's group. */
  container: string;
  accountId: string;
  region: string;
  arn: string;
  expression: string;
  /** IANA zone the expression is read in: always UTC for rules. */
  timezone: string;
  /** Plain language, e.g. "every day at 02:20 UTC" (engine's describeSchedule). */
  reading: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  /**
   * The next five instants from the clock's now, UTC (fewer when the schedule ends),
   * computed whatever the state: a DISABLED one runs none of them until it is enabled.
   * For a FLEXIBLE window these are the nominal instants; each run falls within the
   * window after its instant.
   */
  nextRuns: string[];
  /** Scheduler's FLEXIBLE window, in minutes (absent when OFF, and for rules). */
  flexibleWindowMinutes?: number;
  /** Scheduler's StartDate and EndDate (ISO-8601), when set. */
  startDate?: string;
  endDate?: string;
  targets: ScheduleTargetView[];
  /** The newest invocation of this rule or schedule, when there is one. */
  lastInvocation?: InvocationView;
}

export interface ScheduleTargetView {
  id: string;
  arn: string;
  roleArn?: string;
  /** For ECS targets: the task definition as the target names it. */
  taskDefinition?: string;
  /** The revisioned ARN that a run now would start, or why none would. */
  resolvedTaskDefinitionArn?: string;
  /** ACTIVE or INACTIVE: the resolved revision's status. */
  resolvedStatus?: string;
  resolveError?: string;
  /** The container command override the target passes, when it has one. */
  commandOverride?: string[];
}

/**
 * POST /_teiki/api/schedules/state  {kind, name, container, enabled}
 * Uses EnableRule/DisableRule or UpdateSchedule; answers the updated ScheduleView.
 * `container` defaults to "default" (the default bus or group).
 */
export interface ScheduleStateRequest {
  kind: 'rule' | 'schedule';
  name: string;
  container?: string;
  enabled: boolean;
}

/**
 * GET /_teiki/api/invocations?kind=rule|schedule&name=N&container=C&limit=N
 * Newest first; without kind/name, everything in the scope. `limit` is 1 to 10,000
 * (100 by default); `total` counts every invocation that matches.
 */
export interface InvocationsResponse {
  invocations: InvocationView[];
  total: number;
}

/**
 * GET /_teiki/api/tasks?cluster=NAME&status=RUNNING|STOPPED&limit=N&before=CURSOR
 * A cluster's tasks from teiki's store, newest first (createdAt, then task id), one page
 * of `limit` (100 by default, at most 1000). `status=RUNNING` means not yet STOPPED.
 * Without `cluster`: `default` when it exists, else the first cluster by name. An
 * unknown cluster is a 404; a bad status, limit or cursor a 400.
 */
export interface TasksResponse {
  clusters: TaskClusterView[];
  /** The cluster whose tasks these are (maybe INACTIVE); absent when the region has none. */
  cluster?: string;
  /** The cluster's tasks in the store, every page: RUNNING counts all not yet STOPPED. */
  counts: { running: number; stopped: number };
  /** Tasks matching `status`, every page. */
  total: number;
  /** DescribeTasks' task objects; stopped ones are kept beyond ECS's hour. */
  tasks: AwsObject[];
  /** `before` for the next, older page; absent on the last page. */
  nextCursor?: string;
}

/** A cluster (ListClusters, deleted ones included), to pick from. */
export interface TaskClusterView {
  name: string;
  arn: string;
}

/**
 * GET /_teiki/api/task?cluster=NAME&id=TASK_ID (or id=TASK_ARN, which names its cluster):
 * one task as DescribeTasks gives it (tags included), whatever its age, with where its
 * logs are. 404 when there is no such task.
 */
export interface TaskDetail {
  task: AwsObject;
  clusterName: string;
  /** Per container with an awslogs configuration and a stream prefix: its group and stream. */
  logStreams: { container: string; group: string; stream: string; region: string }[];
  /** Why some or all containers have no log stream to link to. */
  logNote?: string;
  /** What the task found inside: its roles, the secrets it was given (names only). */
  inside: TaskInsideView;
}

export interface TaskInsideView {
  taskRoleArn?: string;
  executionRoleArn?: string;
  /** Each secret variable a container received: its name and source, never its value. */
  secrets: { containerName: string; name: string; valueFrom: string }[];
  /** The task metadata endpoint's v4 `/task` document, as the task saw it. */
  metadata: AwsObject;
}

/** GET /_teiki/api/task-definitions : families (by name) with their revisions (oldest first). */
export interface TaskDefinitionsResponse {
  families: TaskDefinitionFamilyView[];
}

export interface TaskDefinitionFamilyView {
  family: string;
  /** ACTIVE while any revision is ACTIVE. */
  status: 'ACTIVE' | 'INACTIVE';
  revisions: {
    revision: number;
    arn: string;
    status: string;
    registeredAt: string;
    deregisteredAt?: string;
  }[];
}

/**
 * GET /_teiki/api/task-definition?family=F&revision=N (or ?taskDefinition=REF, any
 * reference DescribeTaskDefinition takes): DescribeTaskDefinition's output with TAGS.
 * A missing parameter or a revision that is not a whole number is a 400; an unknown
 * revision answers as DescribeTaskDefinition does (ClientException, 400).
 */
export interface TaskDefinitionDetail {
  taskDefinition: AwsObject;
  tags: { key: string; value: string }[];
}

/** GET /_teiki/api/logs/groups : DescribeLogGroups, every page, by name. */
export interface LogGroupsResponse {
  groups: {
    name: string;
    arn: string;
    storedBytes: number;
    retentionInDays?: number;
    creationTime: string;
  }[];
}

/**
 * GET /_teiki/api/logs/streams?group=G&limit=N : DescribeLogStreams, the most recently
 * written first (at most `limit`, 1,000 by default, 10,000 at most). An unknown group
 * is 404 `ResourceNotFoundException`.
 */
export interface LogStreamsResponse {
  streams: {
    name: string;
    lastEventTime?: string;
    firstEventTime?: string;
    creationTime: string;
    storedBytes: number;
  }[];
  /** More streams exist than `limit` let through. */
  truncated: boolean;
}

/**
 * GET /_teiki/api/logs/events?group=G&stream=S&filter=PATTERN&limit=N
 * The newest `limit` (1,000 by default, 10,000 at most) events that match, oldest first,
 * read through FilterLogEvents (its pattern engine, its errors: an invalid pattern is
 * 400 with AWS's message, an unknown group or stream 404 `ResourceNotFoundException`).
 * `stream` is optional (all streams of the group).
 */
export interface LogEventsResponse {
  events: LogEventView[];
  /**
   * The scan stopped before the end of the group (it is that large): the events are the
   * newest among those scanned, not the newest overall.
   */
  truncated: boolean;
}

export interface LogEventView {
  stream: string;
  timestamp: string;
  ingestionTime: string;
  message: string;
  /** FilterLogEvents' eventId: the same event has the same id in the list and the tail. */
  eventId: string;
}

/**
 * GET /_teiki/api/logs/tail?group=G&stream=S&filter=PATTERN : text/event-stream.
 * Answers 404/400 JSON as `events` does for an unknown group or stream or a bad pattern.
 * Once listening it sends `event: ready` (data `{}`), then each event stored from then on
 * that matches as one `event: log` message whose data is a LogEventView, and a
 * `: keep-alive` comment every 15 s. EventSource cannot send headers, so under
 * `--auth enforce` this route also takes `?auth=<base64 of key:secret>`, the HTTP Basic
 * credentials the other routes read from `Authorization`.
 */

/** GET /_teiki/api/iam/roles : every role, documents decoded from IAM's URL encoding. */
export interface RolesResponse {
  roles: RoleView[];
}

export interface RoleView {
  name: string;
  arn: string;
  path: string;
  createDate: string;
  description?: string;
  trustPolicy: unknown;
  inlinePolicies: { name: string; document: unknown }[];
  /** Attached managed policies (customer or AWS managed) with their default version. */
  attachedPolicies: { name: string; arn: string; versionId?: string; document: unknown }[];
}

/** GET /_teiki/api/iam/policies : customer managed policies with their default version. */
export interface PoliciesResponse {
  policies: {
    name: string;
    arn: string;
    versionId: string;
    document: unknown;
    attachmentCount: number;
    description?: string;
  }[];
}

/**
 * POST /_teiki/api/iam/can-run  {roleArn, taskDefinition, cluster?, principal?}
 * The same checks an ECS target goes through before RunTask (trust, ecs:RunTask on the
 * revisioned ARN, iam:PassRole on the task's roles), each with its decision. 400 for a
 * malformed request, 404 when the role or the task definition does not exist.
 */
export interface CanRunRequest {
  roleArn: string;
  /** A family (its latest ACTIVE revision, as a target resolves it), FAMILY:REV or an ARN. */
  taskDefinition: string;
  /** Name or ARN; `default` when absent. */
  cluster?: string;
  /** The service that would assume the role; events.amazonaws.com by default. */
  principal?: 'events.amazonaws.com' | 'scheduler.amazonaws.com';
}

export interface CanRunResponse {
  allowed: boolean;
  roleArn: string;
  principal: string;
  /** The revisioned ARN the checks are made on. */
  taskDefinitionArn: string;
  clusterArn: string;
  checks: CanRunCheck[];
}

export interface CanRunCheck {
  /** The action asked: sts:AssumeRole (trust), ecs:RunTask, iam:PassRole, ecs:TagResource. */
  check: string;
  resource: string;
  allowed: boolean;
  /**
   * Who asks, when not the target's service: `ecs-tasks.amazonaws.com` assuming the task
   * role, which RunTask checks.
   */
  principal?: string;
  /** A denied check's error: AccessDeniedException (the target's checks) or ClientException (RunTask's). */
  deniedWith?: string;
  /** Why: the reason a target's invocation would fail with, or which statement allowed. */
  reason: string;
  /** The statement that decided it; absent when nothing allowed it (implicit deny). */
  decidingStatement?: { sid?: string; index: number; json: unknown };
  /** The policy the deciding statement is in. */
  policy?: string;
}

/**
 * POST /_teiki/api/insights/queries with `InsightsQueryRequest` → `{ queryId }` (StartQuery).
 * A query that does not compile answers 400 with `InsightsQueryError`.
 */
export interface InsightsQueryRequest {
  groups: string[];
  query: string;
  /** Epoch seconds, as StartQuery takes them (both inclusive). */
  startTime: number;
  endTime: number;
}

export interface InsightsQueryError extends ApiError {
  /** MalformedQueryException's queryCompileError location: offsets into the query. */
  location?: { start: number; end: number };
}

/** GET /_teiki/api/insights/results?id=QUERY_ID (GetQueryResults). */
export interface InsightsResults {
  status: string;
  /** The result columns, in the order the rows first show them (`@ptr` left out). */
  columns: string[];
  rows: Array<Record<string, string>>;
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
  /**
   * For `stats … by bin(…)`: the column of the bins and the numeric columns to plot.
   * Absent when the query has no such stats.
   */
  chart?: { x: string; series: string[] };
}

/** GET/POST /_teiki/api/insights/definitions (Describe/PutQueryDefinition). */
export interface SavedQuery {
  id: string;
  name: string;
  query: string;
  groups: string[];
}

/**
 * GET /_teiki/api/services?cluster=NAME : a cluster's ACTIVE and DRAINING services as
 * DescribeServices gives them (tags included). Without `cluster`: `default` when it
 * exists, else the first cluster by name. An unknown cluster is a 404.
 */
export interface ServicesResponse {
  clusters: TaskClusterView[];
  /** The cluster whose services these are; absent when the region has no cluster. */
  cluster?: string;
  /** DescribeServices' service objects, by name. */
  services: AwsObject[];
}

/**
 * GET /_teiki/api/service?cluster=NAME&name=SERVICE : one service (DescribeServices, any
 * status), its tasks (ListTasks by service name: running, then those stopped within
 * ECS's hour, as DescribeTasks gives them) and its service deployments
 * (ListServiceDeployments, newest first). 404 when there is no such service.
 */
export interface ServiceDetail {
  cluster: string;
  service: AwsObject;
  tasks: AwsObject[];
  serviceDeployments: AwsObject[];
}
