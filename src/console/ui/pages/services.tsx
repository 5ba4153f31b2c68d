/**
 * The Services page: a cluster's services with their desired, running and pending counts
 * (`?cluster=`), and one service opened by name (`?service=NAME`): its deployments and
 * their progress, its events in ECS's words, and its tasks, each linked to the task page.
 */
import type { Location } from '../router.js';
import { ServiceDetailView } from './services/detail.js';
import { ServiceList } from './services/list.js';

export function ServicesPage(props: { location: Location }) {
  const query = props.location.query;
  const get = (name: string) => query.get(name) || undefined;
  const cluster = get('cluster');
  const service = get('service');
  return (
    <div class="services">
      <h1>Services</h1>
      {service && cluster ? (
        <ServiceDetailView key={`${cluster}/${service}`} cluster={cluster} name={service} />
      ) : (
        <ServiceList cluster={cluster} />
      )}
    </div>
  );
}
