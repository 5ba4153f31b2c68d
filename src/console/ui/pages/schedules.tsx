/** The Schedules page (to be built). */
import type { Location } from '../router.js';

export function SchedulesPage(_props: { location: Location }) {
  return <h1>Schedules</h1>;
}
