/**
 * The service scheduler's decisions, table-driven: given a service, its tasks and the
 * time, what is stopped and started, and how deployments, counts, events and the
 * throttle change. No server, no runtime: `decide` is a pure function.
 */
import { describe, expect, it } from 'vitest';
import { newDeployment } from '../../../src/services/ecs/services/deployments.js';
import type {
  DeploymentRecord,
  Revision,
  ServiceRecord,
} from '../../../src/services/ecs/services/records.js';
import { decide } from '../../../src/services/ecs/services/scheduler/decide.js';
import type { TaskView } from '../../../src/services/ecs/services/scheduler/task-view.js';

const NOW = Date.UTC(2030, 0, 1);

function revision(
  taskDefinition = 'arn:aws:ecs:us-east-1:000000000000:task-definition/app:1',
): Revision {
  return {
    taskDefinition,
    launchType: 'FARGATE',
    requestedPlatformVersion: 'LATEST',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    loadBalancers: [],
    serviceRegistries: [],
  };
}

function deployment(
  id: string,
  status: DeploymentRecord['status'],
  extra: Partial<DeploymentRecord> = {},
) {
  const made = newDeployment({
    revision: revision(),
    desiredCount: 0,
    deploymentConfiguration: {},
    nowMs: NOW - 1000,
    sourceDeploymentIds: [],
    id,
  });
  return { ...made, status, ...extra };
}

function service(extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    serviceArn: 'arn:aws:ecs:us-east-1:000000000000:service/c/web',
    serviceName: 'web',
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
    clusterName: 'c',
    status: 'ACTIVE',
    desiredCount: 4,
    revision: revision(),
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    placementConstraints: [],
    placementStrategy: [],
    enableECSManagedTags: false,
    enableExecuteCommand: false,
    propagateTags: 'NONE',
    availabilityZoneRebalancing: 'ENABLED',
    roleArn: 'role',
    createdAt: NOW - 5000,
    createdBy: 'me',
    tags: [],
    deployments: [deployment('ecs-svc/2', 'PRIMARY')],
    events: [],
    tasks: [],
    throttle: { failures: 0, announced: false },
    steady: false,
    ...extra,
  };
}

let tasks = 0;
function task(
  deploymentId: string,
  phase: TaskView['phase'],
  extra: Partial<TaskView> = {},
): TaskView {
  tasks += 1;
  return {
    taskId: `t${tasks}`,
    deploymentId,
    phase,
    healthStatus: 'UNKNOWN',
    hasHealthCheck: false,
    ...(phase === 'running' ? { startedAt: NOW - 500 } : {}),
    ...extra,
  };
}

function run(s: ServiceRecord, views: TaskView[], nowMs = NOW) {
  const tracked = {
    ...s,
    tasks: views.map((v) => ({ taskId: v.taskId, deploymentId: v.deploymentId })),
  };
  let ids = 0;
  return decide({
    service: tracked,
    tasks: views,
    nowMs,
    newEventId: () => `e${++ids}`,
    newDeploymentId: () => 'ecs-svc/9',
  });
}

const runningOf = (id: string, n: number) => Array.from({ length: n }, () => task(id, 'running'));
const pendingOf = (id: string, n: number) => Array.from({ length: n }, () => task(id, 'pending'));

describe('rolling deployment steps (desired 4)', () => {
  const twoDeployments = [deployment('ecs-svc/2', 'PRIMARY'), deployment('ecs-svc/1', 'ACTIVE')];
  it.each([
    // [min%, max%, old running, new running, new pending, expected stops, expected starts]
    [100, 200, 4, 0, 0, 0, 4],
    [100, 200, 4, 2, 2, 2, 0],
    [100, 200, 4, 4, 0, 4, 0],
    [50, 200, 4, 0, 0, 2, 4],
    [50, 200, 2, 2, 2, 2, 0],
    [50, 200, 2, 4, 0, 2, 0],
    [0, 100, 4, 0, 0, 4, 4],
    [100, 100, 4, 0, 0, 0, 0],
    [50, 100, 4, 0, 0, 2, 2],
    [75, 125, 4, 0, 0, 1, 2],
  ])(
    'min %i%% max %i%%, %i old + %i new running + %i new pending: stop %i, start %i',
    (min, max, oldRunning, newRunning, newPending, stopsWanted, startsWanted) => {
      const s = service({
        deployments: structuredClone(twoDeployments),
        deploymentConfiguration: { minimumHealthyPercent: min, maximumPercent: max },
      });
      const views = [
        ...runningOf('ecs-svc/1', oldRunning),
        ...runningOf('ecs-svc/2', newRunning),
        ...pendingOf('ecs-svc/2', newPending),
      ];
      const decision = run(s, views);
      expect(decision.stops).toHaveLength(stopsWanted);
      expect(decision.starts).toBe(startsWanted);
      // Old tasks are the ones stopped, never the new deployment's.
      const stopped = new Set(decision.stops.map((x) => x.taskId));
      expect(
        views.filter((v) => stopped.has(v.taskId)).every((v) => v.deploymentId === 'ecs-svc/1'),
      ).toBe(true);
      // What stays running never falls below the minimum.
      const healthyLeft = views.filter(
        (v) => v.phase === 'running' && !stopped.has(v.taskId),
      ).length;
      expect(healthyLeft).toBeGreaterThanOrEqual(
        Math.min(oldRunning + newRunning, Math.ceil((4 * min) / 100)),
      );
    },
  );
});

describe('scaling and replacement', () => {
  it.each([
    ['a new service starts its desired count', 4, [], 0, 4],
    ['a missing task is replaced', 4, ['running', 'running', 'running'], 0, 1],
    ['a scale-in stops the surplus, pending first', 2, ['running', 'running', 'pending'], 1, 0],
    ['scaled to 0, every task goes', 0, ['running', 'pending'], 2, 0],
    ['a task stopping on its own holds its place', 2, ['running', 'stopping'], 0, 0],
  ] as const)('%s', (_, desired, phases, stopsWanted, startsWanted) => {
    const views = phases.map((phase) =>
      task(
        'ecs-svc/2',
        phase,
        phase === 'stopping' ? { stopCode: 'EssentialContainerExited' } : {},
      ),
    );
    const decision = run(service({ desiredCount: desired }), views);
    expect(decision.stops).toHaveLength(stopsWanted);
    expect(decision.starts).toBe(startsWanted);
    if (stopsWanted > 0) {
      expect(decision.stops[0]?.reason).toBe(
        'Scaling activity initiated by (deployment ecs-svc/2)',
      );
    }
  });

  it('stops an unhealthy task once the grace period is over, and replaces it', () => {
    const views = [
      task('ecs-svc/2', 'running', { hasHealthCheck: true, healthStatus: 'HEALTHY' }),
      task('ecs-svc/2', 'running', {
        hasHealthCheck: true,
        healthStatus: 'UNHEALTHY',
        startedAt: NOW - 61_000,
      }),
    ];
    const decision = run(service({ desiredCount: 2, healthCheckGracePeriodSeconds: 60 }), views);
    expect(decision.stops).toEqual([
      { taskId: views[1]?.taskId, reason: 'Task failed container health checks' },
    ]);
    expect(decision.starts).toBe(1);
    expect(decision.replacingUnhealthy).toBe(1);
    expect(decision.service.events.map((e) => e.message)).toEqual([
      `(service web) has stopped 1 running tasks: (task ${views[1]?.taskId ?? ''}).`,
      `(service web) (task ${views[1]?.taskId ?? ''}) failed container health checks.`,
    ]);
  });

  it('leaves an unhealthy task alone within the grace period and wakes when it ends', () => {
    const startedAt = NOW - 10_000;
    const views = [
      task('ecs-svc/2', 'running', { hasHealthCheck: true, healthStatus: 'UNHEALTHY', startedAt }),
    ];
    const decision = run(service({ desiredCount: 1, healthCheckGracePeriodSeconds: 60 }), views);
    expect(decision.stops).toEqual([]);
    expect(decision.wakeAt).toBe(startedAt + 60_000);
  });
});

describe('completion and steady state', () => {
  it('completes the primary deployment once its tasks run and nothing else is left', () => {
    const decision = run(service({ desiredCount: 2 }), runningOf('ecs-svc/2', 2));
    const primary = decision.service.deployments[0];
    expect(primary).toMatchObject({
      rolloutState: 'COMPLETED',
      rolloutStateReason: 'ECS deployment ecs-svc/2 completed.',
      lifecycle: 'SUCCESSFUL',
      runningCount: 2,
    });
    expect(decision.service.events.map((e) => e.message)).toEqual([
      '(service web) has reached a steady state.',
      '(service web) (deployment ecs-svc/2) deployment completed.',
    ]);
    expect(decision.bus.map((b) => b.eventName)).toEqual([
      'SERVICE_DEPLOYMENT_COMPLETED',
      'SERVICE_STEADY_STATE',
    ]);
    expect(decision.service.lastCompleted?.deploymentId).toBe('ecs-svc/2');
  });

  it('says nothing when it was steady already', () => {
    const s = service({
      desiredCount: 1,
      steady: true,
      deployments: [deployment('ecs-svc/2', 'PRIMARY', { rolloutState: 'COMPLETED' })],
    });
    const decision = run(s, runningOf('ecs-svc/2', 1));
    expect(decision.service.events).toEqual([]);
  });

  it('is not steady while a health-checked task is not HEALTHY yet', () => {
    const views = [task('ecs-svc/2', 'running', { hasHealthCheck: true, healthStatus: 'UNKNOWN' })];
    const decision = run(service({ desiredCount: 1 }), views);
    expect(decision.service.steady).toBe(false);
    expect(decision.service.deployments[0]?.rolloutState).toBe('IN_PROGRESS');
  });

  it('retires a drained deployment', () => {
    const s = service({
      desiredCount: 1,
      deployments: [deployment('ecs-svc/2', 'PRIMARY'), deployment('ecs-svc/1', 'ACTIVE')],
    });
    const decision = run(s, [
      ...runningOf('ecs-svc/2', 1),
      task('ecs-svc/1', 'stopped', { stopCode: 'ServiceSchedulerInitiated' }),
    ]);
    expect(decision.service.deployments.map((d) => [d.id, d.status])).toEqual([
      ['ecs-svc/2', 'PRIMARY'],
      ['ecs-svc/1', 'INACTIVE'],
    ]);
    expect(decision.service.tasks.map((t) => t.deploymentId)).toEqual(['ecs-svc/2']);
  });

  it('turns a DRAINING service INACTIVE once its last task stopped', () => {
    const s = service({ status: 'DRAINING', desiredCount: 0, tags: [{ key: 'a', value: 'b' }] });
    const decision = run(s, [
      task('ecs-svc/2', 'stopped', { stopCode: 'ServiceSchedulerInitiated' }),
    ]);
    expect(decision.service).toMatchObject({ status: 'INACTIVE', tags: [], tasks: [] });
  });
});

describe('the circuit breaker', () => {
  const breaker = (rollback: boolean) => ({
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
  });
  const failed = (n: number) =>
    Array.from({ length: n }, () =>
      task('ecs-svc/2', 'stopped', { stopCode: 'EssentialContainerExited', startedAt: NOW - 100 }),
    );

  it.each([
    [3, 2, false],
    [3, 3, true],
    [10, 4, false],
    [10, 5, true],
    [1000, 199, false],
    [1000, 200, true],
  ])('desired %i, %i failed tasks: tripped %s', (desired, failures, tripped) => {
    const s = service({
      desiredCount: desired,
      ...breaker(false),
      deployments: [
        deployment('ecs-svc/2', 'PRIMARY', { desiredCount: desired, failedTasks: failures - 1 }),
      ],
    });
    const decision = run(s, failed(1));
    expect(decision.service.deployments[0]?.rolloutState).toBe(tripped ? 'FAILED' : 'IN_PROGRESS');
  });

  it('rolls back to the last completed deployment', () => {
    const s = service({
      desiredCount: 3,
      ...breaker(true),
      lastCompleted: { deploymentId: 'ecs-svc/1', revisionId: 'ecs-svc/1', revision: revision() },
      deployments: [
        deployment('ecs-svc/2', 'PRIMARY', { desiredCount: 3 }),
        deployment('ecs-svc/1', 'ACTIVE', { rolloutState: 'COMPLETED' }),
      ],
    });
    const decision = run(s, [...failed(3), ...runningOf('ecs-svc/1', 3)]);
    const [rollback] = decision.service.deployments;
    const failedOne = decision.service.deployments.find((d) => d.id === 'ecs-svc/2');
    expect(rollback).toMatchObject({
      id: 'ecs-svc/9',
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.',
      rollbackOf: 'ecs-svc/2',
    });
    // Its tasks have all stopped, so it is retired at once.
    expect(failedOne).toMatchObject({
      status: 'INACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      lifecycle: 'ROLLBACK_IN_PROGRESS',
    });
    expect(decision.starts).toBe(3);
    expect(decision.service.events.map((e) => e.message)).toEqual([
      '(service web) rolling back to deployment ecs-svc/1.',
      '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.',
    ]);
    expect(decision.bus.map((b) => [b.eventName, b.eventType])).toEqual([
      ['SERVICE_DEPLOYMENT_FAILED', 'ERROR'],
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', 'INFO'],
    ]);
  });

  it('without rollback the failed deployment stays primary and starts nothing', () => {
    const s = service({
      desiredCount: 3,
      ...breaker(false),
      deployments: [deployment('ecs-svc/2', 'PRIMARY', { desiredCount: 3, failedTasks: 2 })],
    });
    const decision = run(s, failed(1));
    expect(decision.service.deployments[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'FAILED',
      lifecycle: 'STOPPED',
    });
    expect(decision.starts).toBe(0);
  });
});

describe('the throttle', () => {
  const neverStarted = () =>
    task('ecs-svc/2', 'stopped', { stopCode: 'TaskFailedToStart', stoppedAt: NOW });

  it.each([
    [0, 0, undefined, false],
    [1, 1, undefined, false],
    [2, 2, NOW + 10_000, true],
    [3, 4, NOW + 40_000, true],
  ])(
    '%i failures before, %i stopped without starting: failures %i',
    (before, after, notBefore, announced) => {
      const s = service({
        desiredCount: 1,
        throttle: { failures: Math.max(0, before - 1), announced: false },
      });
      const views =
        before === 0 ? [] : Array.from({ length: after - Math.max(0, before - 1) }, neverStarted);
      const decision = run(s, views);
      expect(decision.service.throttle.failures).toBe(after);
      expect(decision.service.throttle.notBefore).toBe(notBefore);
      expect(
        decision.service.events.some((e) => e.message.includes('unable to consistently start')),
      ).toBe(announced);
      expect(decision.starts).toBe(notBefore === undefined ? 1 : 0);
      if (notBefore !== undefined) expect(decision.wakeAt).toBe(notBefore);
    },
  );

  it('does not count tasks that reached RUNNING, nor those a user or the scheduler stopped', () => {
    const views = [
      task('ecs-svc/2', 'stopped', { stopCode: 'EssentialContainerExited', startedAt: NOW - 10 }),
      task('ecs-svc/2', 'stopped', { stopCode: 'UserInitiated' }),
      task('ecs-svc/2', 'stopped', { stopCode: 'ServiceSchedulerInitiated' }),
    ];
    expect(run(service({ desiredCount: 1 }), views).service.throttle.failures).toBe(0);
  });

  it('is lifted once a task started after the last failure runs', () => {
    const s = service({
      desiredCount: 1,
      throttle: { failures: 3, lastFailureAt: NOW - 100, notBefore: NOW + 5, announced: true },
    });
    const decision = run(s, [task('ecs-svc/2', 'running', { startedAt: NOW - 50 })]);
    expect(decision.service.throttle).toEqual({ failures: 0, announced: false });
  });
});
