/** The Task definitions page (to be built). */
import type { Location } from '../router.js';

export function TaskDefinitionsPage(_props: { location: Location }) {
  return <h1>Task definitions</h1>;
}
