/**
 * One service: its counts, its deployments with their progress and rollout state, its
 * events newest first in ECS's own words, its service deployments, and its tasks (running,
 * then stopped within ECS's hour) linked to the task page.
 */
import { useEffect } from 'preact/hooks';
import { useApi } from '../../api.js';
import { onClockMoved } from '../../components/clock.js';
import { Badge, ErrorBox, Loading, Paged, Section } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { Time } from '../../components/time.js';
import type { ServiceDetail } from '../../../shared/api-types.js';
import {
  exitCodes,
  revisionOf,
  scopedHref,
  statusTone,
  taskDefinitionHref,
  taskIdOf,
  taskOf,
} from '../tasks/shape.js';
import { progressOf, serviceOf, type DeploymentShape } from './shape.js';

const POLL_MS = 3000;

export function ServiceDetailView(props: { cluster: string; name: string }) {
  const detail = useApi<ServiceDetail>(
    'service',
    { cluster: props.cluster, name: props.name },
    POLL_MS,
  );
  const { reload, data } = detail;
  useEffect(() => onClockMoved(reload), [reload]);
  const service = data ? serviceOf(data.service) : undefined;
  const tasks = (data?.tasks ?? []).map(taskOf);
  const config = service?.deploymentConfiguration;
  return (
    <>
      <p>
        <Link href={scopedHref('/services', { cluster: props.cluster })}>
          ← Services in {props.cluster}
        </Link>
      </p>
      <h2 class="service-title">Service {props.name}</h2>
      <ErrorBox error={detail.error} />
      <Loading loading={detail.loading && !data} />
      {service ? (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Badge value={service.status} />
            </dd>
            <dt>Desired</dt>
            <dd data-testid="service-desired">{service.desiredCount}</dd>
            <dt>Running</dt>
            <dd data-testid="service-running">{service.runningCount}</dd>
            <dt>Pending</dt>
            <dd data-testid="service-pending">{service.pendingCount}</dd>
            <dt>Task definition</dt>
            <dd>
              <Link href={taskDefinitionHref(service.taskDefinition)}>
                {revisionOf(service.taskDefinition).family}:
                {revisionOf(service.taskDefinition).revision}
              </Link>
            </dd>
            <dt>Rolling update</dt>
            <dd>
              minimum healthy {config?.minimumHealthyPercent}% · maximum {config?.maximumPercent}%
              {config?.deploymentCircuitBreaker?.enable
                ? ` · circuit breaker${config.deploymentCircuitBreaker.rollback ? ' with rollback' : ''}`
                : ''}
            </dd>
            <dt>Created</dt>
            <dd>
              <Time value={service.createdAt} />
            </dd>
          </dl>
          <Section title="Deployments">
            <table aria-label="Deployments">
              <thead>
                <tr>
                  <th>Deployment</th>
                  <th>Status</th>
                  <th>Task definition</th>
                  <th>Progress</th>
                  <th>Failed tasks</th>
                  <th>Rollout</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {(service.deployments ?? []).map((d) => (
                  <DeploymentRow key={d.id} deployment={d} />
                ))}
              </tbody>
            </table>
          </Section>
          <Section title="Events">
            <Paged
              label="Events"
              rows={service.events ?? []}
              pageSize={25}
              empty="No event yet."
              header={
                <tr>
                  <th>When</th>
                  <th>Message</th>
                </tr>
              }
              renderRow={(event) => (
                <tr key={event.id}>
                  <td>
                    <Time value={event.createdAt} />
                  </td>
                  <td class="event">{event.message}</td>
                </tr>
              )}
            />
          </Section>
          <Section title="Tasks">
            <Paged
              label="Service tasks"
              rows={tasks}
              pageSize={50}
              empty="The service has no task."
              header={
                <tr>
                  <th>Task</th>
                  <th>Status</th>
                  <th>Health</th>
                  <th>Task definition</th>
                  <th>Started by</th>
                  <th>Started</th>
                  <th>Exit code</th>
                  <th>Stopped reason</th>
                </tr>
              }
              renderRow={(task) => {
                const id = taskIdOf(task);
                const definition = revisionOf(task.taskDefinitionArn);
                return (
                  <tr key={task.taskArn}>
                    <td class="mono">
                      <Link
                        href={scopedHref('/tasks', { cluster: props.cluster, task: id })}
                        title={id}
                      >
                        {id.slice(0, 12)}…
                      </Link>
                    </td>
                    <td>
                      <Badge value={task.lastStatus} tone={statusTone(task)} />
                    </td>
                    <td>{(task as { healthStatus?: string }).healthStatus ?? ''}</td>
                    <td>
                      {definition.family}:{definition.revision}
                    </td>
                    <td class="mono">{task.startedBy}</td>
                    <td>
                      <Time value={task.startedAt} />
                    </td>
                    <td class="mono">{exitCodes(task)}</td>
                    <td>{task.stoppedReason ?? ''}</td>
                  </tr>
                );
              }}
            />
          </Section>
        </>
      ) : null}
    </>
  );
}

function DeploymentRow(props: { deployment: DeploymentShape }) {
  const d = props.deployment;
  const definition = revisionOf(d.taskDefinition);
  return (
    <tr data-testid={`deployment-${d.status ?? ''}`}>
      <td class="mono">{d.id}</td>
      <td>
        <Badge value={d.status} />
      </td>
      <td>
        {definition.family}:{definition.revision}
      </td>
      <td>{progressOf(d)}</td>
      <td class="num">{d.failedTasks}</td>
      <td title={d.rolloutStateReason}>
        <Badge value={d.rolloutState} /> <span class="muted">{d.rolloutStateReason}</span>
      </td>
      <td>
        <Time value={d.updatedAt} />
      </td>
    </tr>
  );
}
