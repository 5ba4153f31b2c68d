/** The Overview page (to be built). */
import type { Location } from '../router.js';

export function OverviewPage(_props: { location: Location }) {
  return <h1>Overview</h1>;
}
