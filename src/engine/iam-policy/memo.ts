/**
 * Identity decisions remembered per set of policies, for callers that ask the same
 * question again and again (every request of an IAM user under `--auth enforce`).
 *
 * A decision depends on the policies, the principal, the action, the resource, and only
 * those context keys the evaluation read: statements whose action or resource do not
 * match never look at their conditions. So each remembered decision keeps the keys it
 * read with the values they had (absent ones too), and is reused only when the new
 * request's context gives every one of them the same values; the evaluation would then
 * take the very same path to the very same answer. Nothing has to be told which keys are
 * time-dependent: a policy that tests `aws:CurrentTime` reads it, and a later instant is a
 * different value, so that decision is made again (a miss, never a stale answer).
 *
 * The memo is kept by the policies object itself: whoever replaces its policies when IAM
 * changes (the caller policy cache, by IAM epoch) starts with an empty memo. A policies
 * object must therefore never be changed once evaluated.
 */
import type { ConditionContext, IdentityEvaluation, Principal } from './api.js';
import { contextFor, type ContextScalar, type EvaluationContext } from './context.js';
import { decideIdentityIn, type LayeredDecision } from './evaluate.js';

/** What the remembered evaluation read: lower-cased key → its values (undefined: absent). */
type Reads = Map<string, ContextScalar[] | undefined>;

interface Remembered {
  principal: Principal;
  reads: Reads;
  decision: LayeredDecision;
}

/** Per action, per resource; resources come from requests, so the count is bounded. */
type Memo = Map<string, Map<string, Remembered>>;

/** Far more questions than one caller's workload asks; a full memo starts over. */
const MEMO_LIMIT = 512;
/**
 * Policies objects with a memo; the oldest is dropped first. With MEMO_LIMIT this bounds
 * the memory (callers × questions), and an object replaced after an IAM change, never
 * asked again, ages out.
 */
const MEMOS_KEPT = 64;

const memos = new Map<IdentityEvaluation, { size: number; byAction: Memo }>();

export interface RememberedRequest {
  principal: Principal;
  action: string;
  resource: string;
  /** The request's context, built only when a remembered decision must be checked or made. */
  context: () => ConditionContext;
}

/** decideIdentity's answer, reusing an earlier one when nothing it read has changed. */
export function decideIdentityRemembered(
  request: RememberedRequest,
  policies: IdentityEvaluation,
): LayeredDecision {
  let memo = memos.get(policies);
  if (!memo) {
    if (memos.size >= MEMOS_KEPT) memos.delete(memos.keys().next().value!);
    memo = { size: 0, byAction: new Map() };
    memos.set(policies, memo);
  }
  let byResource = memo.byAction.get(request.action);
  const kept = byResource?.get(request.resource);
  let context: EvaluationContext | undefined;
  const current = () =>
    (context ??= contextFor({ principal: request.principal, context: request.context() }));
  if (kept && kept.principal === request.principal && sameReads(kept.reads, current)) {
    return kept.decision;
  }

  const reads: Reads = new Map();
  const recording: EvaluationContext = {
    values(key) {
      const values = current().values(key);
      reads.set(key.toLowerCase(), values);
      return values;
    },
    strings(key) {
      reads.set(key.toLowerCase(), current().values(key));
      return current().strings(key);
    },
  };
  const decision = decideIdentityIn(request, policies, recording);
  if (!byResource) {
    byResource = new Map();
    memo.byAction.set(request.action, byResource);
  }
  if (!byResource.has(request.resource)) {
    if (memo.size >= MEMO_LIMIT) {
      memo.byAction.clear();
      memo.size = 0;
      byResource = new Map();
      memo.byAction.set(request.action, byResource);
    }
    memo.size++;
  }
  byResource.set(request.resource, { principal: request.principal, reads, decision });
  return decision;
}

/** Whether the context gives every key the remembered evaluation read the values it had. */
function sameReads(reads: Reads, current: () => EvaluationContext): boolean {
  for (const [key, values] of reads) {
    if (!sameValues(values, current().values(key))) return false;
  }
  return true;
}

function sameValues(a: ContextScalar[] | undefined, b: ContextScalar[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (!(x instanceof Date && y instanceof Date && x.getTime() === y.getTime())) return false;
  }
  return true;
}
