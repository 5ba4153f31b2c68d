/** The service scheduler's small pure parts, table-driven: limits, capacity, ownership, launches. */
import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../src/services/ecs/services/records.js';
import { nextProvider } from '../../../src/services/ecs/services/scheduler/capacity.js';
import { applyLaunch } from '../../../src/services/ecs/services/scheduler/launch-record.js';
import {
  circuitBreakerThreshold,
  maximumTasks,
  MAX_THROTTLE_MS,
  minimumHealthyTasks,
  throttleDelayMs,
} from '../../../src/services/ecs/services/scheduler/limits.js';
import { mayKeep } from '../../../src/services/ecs/services/scheduler/ownership.js';

describe('limits', () => {
  it.each([
    [4, 50, 2],
    [3, 50, 2],
    [1, 50, 1],
    [10, 100, 10],
    [10, 0, 0],
    [0, 100, 0],
  ])('desired %i at minimumHealthyPercent %i keeps %i healthy (rounded up)', (d, p, n) => {
    expect(minimumHealthyTasks(d, p)).toBe(n);
  });

  it.each([
    [4, 200, 8],
    [3, 150, 4],
    [1, 150, 1],
    [10, 100, 10],
  ])('desired %i at maximumPercent %i runs at most %i (rounded down)', (d, p, n) => {
    expect(maximumTasks(d, p)).toBe(n);
  });

  it.each([
    [0, 3],
    [1, 3],
    [6, 3],
    [7, 4],
    [100, 50],
    [400, 200],
    [10_000, 200],
  ])('desired %i: the circuit breaker trips at %i failed tasks', (d, n) => {
    expect(circuitBreakerThreshold(d)).toBe(n);
  });

  it.each([
    [0, 0],
    [1, 0],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [12, MAX_THROTTLE_MS],
    [1000, MAX_THROTTLE_MS],
  ])('after %i consecutive start failures the next launch waits %i ms', (k, ms) => {
    expect(throttleDelayMs(k)).toBe(ms);
  });
});

describe('capacity provider strategies', () => {
  const spread = (strategy: Parameters<typeof nextProvider>[0], n: number) => {
    const placed: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const p = nextProvider(strategy, placed) ?? '';
      placed[p] = (placed[p] ?? 0) + 1;
    }
    return placed;
  };
  it.each([
    ['one provider', [{ capacityProvider: 'FARGATE', weight: 1 }], 4, { FARGATE: 4 }],
    [
      'base first, then by weight',
      [
        { capacityProvider: 'FARGATE', base: 2, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      ],
      10,
      { FARGATE: 4, FARGATE_SPOT: 6 },
    ],
    [
      'equal weights alternate',
      [
        { capacityProvider: 'FARGATE', weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 1 },
      ],
      4,
      { FARGATE: 2, FARGATE_SPOT: 2 },
    ],
    [
      'weight 0 gets only its base',
      [
        { capacityProvider: 'FARGATE', base: 1, weight: 0 },
        { capacityProvider: 'FARGATE_SPOT', weight: 1 },
      ],
      5,
      { FARGATE: 1, FARGATE_SPOT: 4 },
    ],
    [
      'all weights 0: the first',
      [{ capacityProvider: 'FARGATE_SPOT', weight: 0 }],
      2,
      { FARGATE_SPOT: 2 },
    ],
  ])('%s', (_, strategy, n, expected) => {
    expect(spread(strategy, n)).toEqual(expected);
  });
});

describe('ownership', () => {
  const gone = (id: string) => id === 'dead';
  it.each([
    ['nobody owns it', undefined, true],
    ['this runner owns it', { runnerId: 'me', heartbeatAt: 0 }, true],
    ['a runner known gone owns it', { runnerId: 'dead', heartbeatAt: 1_000_000 }, true],
    [
      'a live runner owns it, however long ago it took it',
      { runnerId: 'other', heartbeatAt: 0 },
      false,
    ],
  ])('%s: kept %s', (_, owner, kept) => {
    expect(mayKeep(owner, 'me', gone)).toBe(kept);
  });
});

describe('recording a launch', () => {
  const base = {
    serviceName: 'web',
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        pendingCount: 0,
        failedTasks: 0,
        rolloutState: 'IN_PROGRESS',
      },
    ],
    events: [],
    tasks: [],
    throttle: { failures: 0, announced: false },
    steady: true,
  } as unknown as ServiceRecord;
  let ids = 0;
  const newId = () => `e${++ids}`;

  it('tracks the tasks started and says so', () => {
    const out = applyLaunch(
      base,
      'ecs-svc/1',
      {
        launched: [
          { taskId: 'a', deploymentId: 'ecs-svc/1' },
          { taskId: 'b', deploymentId: 'ecs-svc/1' },
        ],
      },
      1,
      1000,
      newId,
    );
    expect(out.service.tasks.map((t) => t.taskId)).toEqual(['a', 'b']);
    expect(out.service.deployments[0]?.pendingCount).toBe(2);
    expect(out.service.events.map((e) => e.message)).toEqual([
      '(service web) has started 2 tasks: (task a) (task b). Amazon ECS replaced 1 tasks due to an unhealthy status.',
    ]);
    expect(out.service.steady).toBe(false);
  });

  it('reports a task it could not place and tries again later', () => {
    const out = applyLaunch(
      base,
      'ecs-svc/1',
      { launched: [], failure: 'No Container Instances were found in your cluster.' },
      0,
      1000,
      newId,
    );
    expect(out.service.events.map((e) => e.message)).toEqual([
      '(service web) was unable to place a task. Reason: No Container Instances were found in your cluster.',
    ]);
    expect(out.bus).toEqual([
      {
        detailType: 'ECS Service Action',
        eventType: 'ERROR',
        eventName: 'SERVICE_TASK_PLACEMENT_FAILURE',
        reason: 'No Container Instances were found in your cluster.',
      },
    ]);
    expect(out.service.deployments[0]?.failedTasks).toBe(1);
    expect(out.wakeAt).toBe(11_000);
  });
});
