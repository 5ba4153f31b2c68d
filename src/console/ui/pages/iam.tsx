/** The IAM page (to be built). */
import type { Location } from '../router.js';

export function IamPage(_props: { location: Location }) {
  return <h1>IAM</h1>;
}
