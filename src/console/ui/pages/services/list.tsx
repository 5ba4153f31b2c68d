/**
 * A cluster's services: a cluster picker kept in the address and a table of services with
 * their counts, rollout and latest event, each linked to its own view.
 */
import { useEffect } from 'preact/hooks';
import { useApi } from '../../api.js';
import { onClockMoved } from '../../components/clock.js';
import { Badge, ErrorBox, Loading, Paged, Section } from '../../components/common.js';
import { Link } from '../../components/link.js';
import { setQuery } from '../../router.js';
import type { ServicesResponse } from '../../../shared/api-types.js';
import { revisionOf, scopedHref, taskDefinitionHref } from '../tasks/shape.js';
import { serviceOf, type ServiceShape } from './shape.js';

const POLL_MS = 3000;

export function ServiceList(props: { cluster?: string }) {
  const list = useApi<ServicesResponse>('services', { cluster: props.cluster }, POLL_MS);
  const { reload, data } = list;
  useEffect(() => onClockMoved(reload), [reload]);
  const cluster = data?.cluster;
  const services = (data?.services ?? []).map(serviceOf);
  return (
    <>
      <ErrorBox error={list.error} />
      <div class="tasks-filters">
        <label>
          Cluster{' '}
          <select
            value={cluster ?? ''}
            onChange={(e) => setQuery({ cluster: (e.target as HTMLSelectElement).value })}
          >
            {(data?.clusters ?? []).map((c) => (
              <option key={c.arn} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Section
        title={cluster ? `Services in ${cluster}` : 'Services'}
        actions={<Loading loading={list.loading && !data} />}
      >
        {data && !cluster ? (
          <p class="muted">There is no cluster in this account and region yet.</p>
        ) : (
          <Paged
            label="Services"
            rows={services}
            pageSize={50}
            empty="No service runs in this cluster."
            header={
              <tr>
                <th>Service</th>
                <th>Status</th>
                <th>Desired</th>
                <th>Running</th>
                <th>Pending</th>
                <th>Task definition</th>
                <th>Rollout</th>
                <th>Latest event</th>
              </tr>
            }
            renderRow={(service) => (
              <ServiceRow key={service.serviceArn} service={service} cluster={cluster ?? ''} />
            )}
          />
        )}
      </Section>
    </>
  );
}

function ServiceRow(props: { service: ServiceShape; cluster: string }) {
  const { service } = props;
  const definition = revisionOf(service.taskDefinition);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  return (
    <tr data-testid={`service-row-${service.serviceName ?? ''}`}>
      <td>
        <Link
          href={scopedHref('/services', { cluster: props.cluster, service: service.serviceName })}
        >
          {service.serviceName}
        </Link>
      </td>
      <td>
        <Badge value={service.status} />
      </td>
      <td class="num">{service.desiredCount}</td>
      <td class="num">{service.runningCount}</td>
      <td class="num">{service.pendingCount}</td>
      <td>
        <Link href={taskDefinitionHref(service.taskDefinition)}>
          {definition.family}:{definition.revision}
        </Link>
      </td>
      <td>
        <Badge value={primary?.rolloutState} />
      </td>
      <td class="event">{service.events?.[0]?.message ?? ''}</td>
    </tr>
  );
}
