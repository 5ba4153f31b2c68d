/**
 * TagResource, UntagResource and ListTagsForResource for clusters, task definitions,
 * tasks and services. Tags live in each resource's own record; a change is a read-modify-write inside
 * a store transaction, so it never overwrites a concurrent change to the same record (a
 * task moving to RUNNING, say) and a concurrent change never loses it.
 */
import type { Scope, Store, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import {
  ClientException,
  ClusterNotFoundException,
  InvalidParameterException,
  ServiceNotFoundException,
} from '../generated/errors.js';
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  Tag,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from '../generated/types.js';
import { CLUSTERS, TASKS, taskRecordId, type ClusterRecord, type TaskRecord } from '../records.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from '../services/records.js';
import { putTaskDefinitionRecord, resolveTaskDefinition } from '../task-definitions/resolve.js';
import { checkTagKeys, checkTags, mergeTags, removeTags } from './rules.js';
import { tagTarget, type TagTarget } from './target.js';
import { scopeOf } from '../../context.js';

/** A resource's tags, and how to write them back. */
interface Taggable {
  tags: Tag[];
  save(tags: Tag[]): Promise<void>;
}

async function clusterTaggable(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
  elsewhere: boolean,
): Promise<Taggable> {
  const clusters = session.collection<ClusterRecord>(CLUSTERS);
  const cluster = elsewhere ? undefined : await clusters.get(scope, clusterName);
  if (!cluster) throw new ClusterNotFoundException('Cluster not found.');
  if (cluster.status !== 'ACTIVE') {
    throw new InvalidParameterException(
      'The specified cluster is inactive. Specify an active cluster and try again.',
    );
  }
  return {
    tags: cluster.tags ?? [],
    save: (tags) => clusters.put(scope, clusterName, { ...cluster, tags }),
  };
}

async function taskTaggable(
  session: StoreSession,
  scope: Scope,
  target: Extract<TagTarget, { kind: 'task' }>,
): Promise<Taggable> {
  const tasks = session.collection<TaskRecord>(TASKS);
  const id = taskRecordId(target.clusterName, target.taskId);
  const task = target.elsewhere ? undefined : await tasks.get(scope, id);
  if (!task) throw new InvalidParameterException('The referenced task was not found.');
  return { tags: task.tags, save: (tags) => tasks.put(scope, id, { ...task, tags }) };
}

async function taskDefinitionTaggable(
  session: StoreSession,
  scope: Scope,
  target: Extract<TagTarget, { kind: 'task-definition' }>,
): Promise<Taggable> {
  const found = target.elsewhere
    ? undefined
    : await resolveTaskDefinition(session, scope, target.arn);
  if (!found) throw new ClientException('Unable to describe task definition.');
  return {
    tags: found.record.tags,
    save: (tags) => putTaskDefinitionRecord(session, scope, found.id, { ...found.record, tags }),
  };
}

async function serviceTaggable(
  session: StoreSession,
  scope: Scope,
  target: Extract<TagTarget, { kind: 'service' }>,
): Promise<Taggable> {
  const services = session.collection<ServiceRecord>(SERVICES);
  const id = serviceRecordId(target.clusterName, target.serviceName);
  const service = target.elsewhere ? undefined : await services.get(scope, id);
  if (!service || service.status === 'INACTIVE') {
    throw new ServiceNotFoundException('Service not found.');
  }
  return { tags: service.tags, save: (tags) => services.put(scope, id, { ...service, tags }) };
}

function taggable(session: StoreSession, scope: Scope, target: TagTarget): Promise<Taggable> {
  switch (target.kind) {
    case 'cluster':
      return clusterTaggable(session, scope, target.clusterName, target.elsewhere);
    case 'task':
      return taskTaggable(session, scope, target);
    case 'task-definition':
      return taskDefinitionTaggable(session, scope, target);
    case 'service':
      return serviceTaggable(session, scope, target);
  }
}

async function changeTags(
  store: Store,
  ctx: RequestContext,
  resourceArn: string,
  change: (tags: Tag[]) => Tag[],
): Promise<void> {
  const scope = scopeOf(ctx);
  const target = tagTarget(scope, resourceArn);
  await store.transaction(async (tx) => {
    const resource = await taggable(tx, scope, target);
    await resource.save(change(resource.tags));
  });
}

export async function tagResource(
  store: Store,
  input: TagResourceRequest,
  ctx: RequestContext,
): Promise<TagResourceResponse> {
  checkTags(input.tags);
  await changeTags(store, ctx, input.resourceArn, (tags) => mergeTags(tags, input.tags));
  return {};
}

export async function untagResource(
  store: Store,
  input: UntagResourceRequest,
  ctx: RequestContext,
): Promise<UntagResourceResponse> {
  checkTagKeys(input.tagKeys);
  await changeTags(store, ctx, input.resourceArn, (tags) => removeTags(tags, input.tagKeys));
  return {};
}

export async function listTagsForResource(
  store: Store,
  input: ListTagsForResourceRequest,
  ctx: RequestContext,
): Promise<ListTagsForResourceResponse> {
  const scope = scopeOf(ctx);
  const resource = await taggable(store, scope, tagTarget(scope, input.resourceArn));
  return { tags: resource.tags.map((tag) => ({ ...tag })) };
}
