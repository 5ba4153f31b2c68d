/**
 * TagResource, UntagResource and ListTagsForResource for rules and event buses, named by
 * ARN: `…:rule/NAME` (default bus), `…:rule/BUS/NAME` or `…:event-bus/NAME`.
 */
import type { Scope } from '../../store/types.js';
import type { RequestContext } from '../context.js';
import { ensureDefaultBus, requireBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import { busNotFound, invalidArn, ruleNotFound } from './errors.js';
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  Tag,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from './generated/types.js';
import { DEFAULT_BUS, EVENT_BUSES, type EventBusRecord } from './records.js';
import { changeRule, refuseManaged, requireRule } from './rule-store.js';
import { mergeTags, removeTags } from './tag-rules.js';
import { scopeOf } from '../context.js';

type Resource =
  { kind: 'rule'; busName: string; ruleName: string } | { kind: 'bus'; busName: string };

const RESOURCE_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):(rule|event-bus)\/(.+)$/;

function resourceOf(scope: Scope, arn: string): Resource {
  const match = RESOURCE_ARN.exec(arn);
  if (!match) throw invalidArn(arn);
  const [, region, accountId, kind, path] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const elsewhere = region !== scope.region || accountId !== scope.accountId;
  if (kind === 'event-bus') {
    if (elsewhere) throw busNotFound(path);
    return { kind: 'bus', busName: path };
  }
  const slash = path.lastIndexOf('/');
  const busName = slash < 0 ? DEFAULT_BUS : path.slice(0, slash);
  const ruleName = path.slice(slash + 1);
  if (elsewhere) throw ruleNotFound(ruleName, busName);
  return { kind: 'rule', busName, ruleName };
}

async function retag(
  deps: EventsDeps,
  scope: Scope,
  resource: Resource,
  change: (tags: Tag[]) => Tag[],
): Promise<void> {
  if (resource.kind === 'rule') {
    await changeRule(deps, scope, resource.busName, resource.ruleName, (rule) => {
      refuseManaged(rule, undefined, false);
      return { ...rule, tags: change(rule.tags) };
    });
    return;
  }
  if (resource.busName === DEFAULT_BUS) {
    await ensureDefaultBus(deps.store, scope, deps.clock.nowMs());
  }
  await deps.store.transaction(async (tx) => {
    const bus = await requireBus(tx, scope, resource.busName);
    const next: EventBusRecord = { ...bus, tags: change(bus.tags) };
    await tx.collection<EventBusRecord>(EVENT_BUSES).put(scope, bus.name, next);
  });
}

export async function tagResource(
  deps: EventsDeps,
  input: TagResourceRequest,
  ctx: RequestContext,
): Promise<TagResourceResponse> {
  const scope = scopeOf(ctx);
  await retag(deps, scope, resourceOf(scope, input.ResourceARN), (tags) =>
    mergeTags(tags, input.Tags),
  );
  return {};
}

export async function untagResource(
  deps: EventsDeps,
  input: UntagResourceRequest,
  ctx: RequestContext,
): Promise<UntagResourceResponse> {
  const scope = scopeOf(ctx);
  await retag(deps, scope, resourceOf(scope, input.ResourceARN), (tags) =>
    removeTags(tags, input.TagKeys),
  );
  return {};
}

export async function listTagsForResource(
  deps: EventsDeps,
  input: ListTagsForResourceRequest,
  ctx: RequestContext,
): Promise<ListTagsForResourceResponse> {
  const scope = scopeOf(ctx);
  const resource = resourceOf(scope, input.ResourceARN);
  const tags =
    resource.kind === 'rule'
      ? (await requireRule(deps.store, scope, resource.busName, resource.ruleName)).tags
      : (await requireBus(deps.store, scope, resource.busName)).tags;
  return { Tags: tags.map((tag) => ({ ...tag })) };
}
