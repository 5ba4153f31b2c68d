/** Reading `/_teiki/invocations` in the target suites. */
import type { TestTeiki } from '../../helpers/teiki.js';
import { until } from '../../helpers/http-server.js';

export interface Invocation {
  source: string;
  name: string;
  outcome: string;
  attempts: number;
  httpStatus?: number;
  target: { id: string; arn: string };
  error?: { code: string; message: string };
}

export async function invocationsOf(teiki: TestTeiki, name: string): Promise<Invocation[]> {
  const res = await fetch(`${teiki.url}/_teiki/invocations?limit=500`);
  const body = (await res.json()) as { invocations: Invocation[] };
  return body.invocations.filter((invocation) => invocation.name === name);
}

/** Waits until `name` has an invocation whose outcome is one of `outcomes`. */
export async function invocationWith(
  teiki: TestTeiki,
  name: string,
  outcomes: string[],
): Promise<Invocation> {
  const found = await until(
    () => invocationsOf(teiki, name),
    (list) => list.some((invocation) => outcomes.includes(invocation.outcome)),
  );
  return found.find((invocation) => outcomes.includes(invocation.outcome))!;
}

export async function advanceClock(teiki: TestTeiki, seconds: number): Promise<void> {
  const res = await fetch(`${teiki.url}/_teiki/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

export async function setClock(teiki: TestTeiki, iso: string): Promise<void> {
  const res = await fetch(`${teiki.url}/_teiki/clock`, {
    method: 'POST',
    body: JSON.stringify({ set: iso }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}
