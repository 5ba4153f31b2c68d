/** The Tasks page (to be built). */
import type { Location } from '../router.js';

export function TasksPage(_props: { location: Location }) {
  return <h1>Tasks</h1>;
}
