/** The event bus an archive's EventSourceArn names: a bus ARN of the caller's account and region. */
import type { Scope, StoreSession } from '../../../store/types.js';
import { requireBus } from '../buses.js';
import { notABusArn } from './errors.js';

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/([^/]+)$/;

/** The bus's name; AWS's "Event bus NAME does not exist." when it does not. */
export async function archiveSourceBus(
  session: StoreSession,
  scope: Scope,
  arn: string,
): Promise<string> {
  const match = BUS_ARN.exec(arn);
  if (!match || match[1] !== scope.region || match[2] !== scope.accountId) throw notABusArn();
  const name = match[3] as string;
  await requireBus(session, scope, name);
  return name;
}
