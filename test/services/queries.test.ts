/**
 * The services' read models (src/services/queries.ts) over a memory store: each reads its
 * own service's records, in its scope only, as the console pages expect them. Records are
 * stored directly (as the services write them), so each answer is known exactly.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { CLUSTERS, TASKS, type TaskRecord } from '../../src/services/ecs/records.js';
import { RULES, ruleId } from '../../src/services/events/records.js';
import { ROLES, iamScope } from '../../src/services/iam/records.js';
import { GROUPS } from '../../src/services/logs/records.js';
import { serviceQueries, type ServiceQueries } from '../../src/services/queries.js';
import { SCHEDULES, scheduleId } from '../../src/services/scheduler/records.js';
import { InvocationLog, type InvocationRecord } from '../../src/triggers/invocations.js';
import { triggerQueries, type TriggerQueries } from '../../src/triggers/queries.js';
import { createMemoryStore } from '../../src/store/memory/index.js';
import type { Scope, Store } from '../../src/store/types.js';
import { SCOPE, seedTask } from './ecs/clusters-helpers.js';

/** Where seedTask writes. */
const HERE: Scope = SCOPE;
const ELSEWHERE: Scope = { accountId: '111111111111', region: 'us-east-1' };

let store: Store;
let queries: ServiceQueries & TriggerQueries;

beforeEach(() => {
  store = createMemoryStore();
  queries = { ...serviceQueries(store), ...triggerQueries(store) };
});

function invocation(name: string, invokedTime: string): InvocationRecord {
  return {
    source: 'rule',
    name,
    container: 'default',
    ...HERE,
    scheduledTime: invokedTime,
    invokedTime,
    target: { id: 't', arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default' },
    outcome: 'started',
    taskArns: [],
    attempts: 1,
  };
}

describe('the services’ read models', () => {
  it('count what each service holds in the scope asked, no other', async () => {
    const put = (collection: string, scope: Scope, id: string, value: object) =>
      store.collection(collection).put(scope, id, value);
    await put(CLUSTERS, HERE, 'live', { clusterName: 'live', status: 'ACTIVE' });
    await put(CLUSTERS, HERE, 'gone', { clusterName: 'gone', status: 'INACTIVE' });
    await put(CLUSTERS, ELSEWHERE, 'other', { clusterName: 'other', status: 'ACTIVE' });
    await put(SCHEDULES, HERE, scheduleId('default', 'a'), { name: 'a' });
    await put(SCHEDULES, HERE, scheduleId('g', 'b'), { name: 'b' });
    await put(GROUPS, HERE, '/app', { logGroupName: '/app' });
    await put(GROUPS, ELSEWHERE, '/other', { logGroupName: '/other' });
    await put(ROLES, iamScope(HERE.accountId), 'r1', { roleName: 'r1' });
    await put(ROLES, iamScope(ELSEWHERE.accountId), 'r2', { roleName: 'r2' });

    expect(await queries.clusters.countActive(HERE)).toBe(1);
    expect(await queries.schedules.count(HERE)).toBe(2);
    expect(await queries.logs.countGroups(HERE)).toBe(1);
    expect(await queries.iam.countRoles(HERE.accountId)).toBe(1);
    expect(await queries.schedules.count(ELSEWHERE)).toBe(0);
  });

  it('read a cluster’s tasks only, not those of a cluster whose name it begins', async () => {
    const first = await seedTask(store, 'app', 'RUNNING');
    const second = await seedTask(store, 'app', 'STOPPED');
    const neighbour = await seedTask(store, 'apps', 'RUNNING');
    await store.collection<TaskRecord>(TASKS).put(ELSEWHERE, 'app/elsewhere', first);
    const idOf = (t: TaskRecord) => t.taskArn.split('/').pop() ?? '';

    const arns = (records: TaskRecord[]) => records.map((t) => t.taskArn);
    expect(arns(await queries.tasks.inCluster(HERE, 'app'))).toEqual(arns([first, second]));
    expect(arns(await queries.tasks.all(HERE))).toEqual(arns([first, second, neighbour]));
    expect((await queries.tasks.find(HERE, 'app', idOf(second)))?.task).toEqual(second);
    expect(await queries.tasks.find(HERE, 'apps', idOf(second))).toBeUndefined();
  });

  it('find a rule by its bus and a schedule by its group', async () => {
    await store.collection(RULES).put(HERE, ruleId('default', 'r'), { name: 'r', on: 'default' });
    await store.collection(RULES).put(HERE, ruleId('custom', 'r'), { name: 'r', on: 'custom' });
    await store.collection(SCHEDULES).put(HERE, scheduleId('g', 's'), { name: 's' });

    expect(await queries.rules.get(HERE, 'custom', 'r')).toMatchObject({ on: 'custom' });
    expect(await queries.rules.get(HERE, 'other', 'r')).toBeUndefined();
    expect(await queries.rules.all(HERE)).toHaveLength(2);
    expect(await queries.schedules.get(HERE, 'g', 's')).toMatchObject({ name: 's' });
    expect(await queries.schedules.get(HERE, 'default', 's')).toBeUndefined();
  });

  it('page through invocations newest first, each page after the last id', async () => {
    const log = new InvocationLog(store);
    for (let minute = 0; minute < 5; minute += 1) {
      await log.record(invocation(`n${minute}`, `2026-03-01T00:0${minute}:00.000Z`));
    }
    const names = (records: InvocationRecord[]) => records.map((r) => r.name);
    expect(names(await queries.invocations.all(HERE))).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);

    const first = await queries.invocations.page(HERE, { limit: 2 });
    expect(names(first.records)).toEqual(['n4', 'n3']);
    const second = await queries.invocations.page(HERE, { limit: 2, after: first.lastId });
    expect(names(second.records)).toEqual(['n2', 'n1']);
    const last = await queries.invocations.page(HERE, { limit: 2, after: second.lastId });
    expect(names(last.records)).toEqual(['n0']);
    const none = await queries.invocations.page(HERE, { limit: 2, after: last.lastId });
    expect(none).toEqual({ records: [] });
  });

  it('give every reader the one append feed of the store', () => {
    expect(queries.logs.appendFeed()).toBe(serviceQueries(store).logs.appendFeed());
    expect(queries.logs.appendFeed()).not.toBe(
      serviceQueries(createMemoryStore()).logs.appendFeed(),
    );
  });
});
