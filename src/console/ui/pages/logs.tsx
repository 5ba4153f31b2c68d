/** The Logs page (to be built). */
import type { Location } from '../router.js';

export function LogsPage(_props: { location: Location }) {
  return <h1>Logs</h1>;
}
