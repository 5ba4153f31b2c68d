/**
 * The console's calls to operations are typed by the generated operation maps. These are
 * type checks: `npm run typecheck` fails when a map loses an operation's shapes, or when
 * a call the maps forbid (each marked @ts-expect-error) compiles after all.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  callAws,
  pagesOf,
  type ConsoleDeps,
  type ConsoleScope,
} from '../../src/console/server/api/context.js';
import type {
  InputOf,
  NextTokenOperation,
  OutputOf,
} from '../../src/console/server/api/operations.js';
import type {
  DescribeTaskDefinitionResponse,
  ListClustersRequest,
} from '../../src/services/ecs/generated/types.js';
import type { GetScheduleOutput } from '../../src/services/scheduler/generated/types.js';

/** Calls the maps forbid; never run, only compiled. */
export function forbiddenCalls(deps: ConsoleDeps, scope: ConsoleScope): unknown[] {
  return [
    // @ts-expect-error ECS has no GetSchedule.
    callAws(deps, scope, 'ecs', 'GetSchedule', { Name: 'nightly' }),
    // @ts-expect-error DescribeTaskDefinition takes `taskDefinition`, not `name`.
    callAws(deps, scope, 'ecs', 'DescribeTaskDefinition', { name: 'app' }),
    // @ts-expect-error `include` is a list of TaskDefinitionField values.
    callAws(deps, scope, 'ecs', 'DescribeTaskDefinition', { taskDefinition: 'a', include: ['X'] }),
    // @ts-expect-error ListRoles pages with Marker: pagesOf follows nextToken only.
    pagesOf(deps, scope, 'iam', 'ListRoles', {}),
    // @ts-expect-error teiki serves no such service.
    callAws(deps, scope, 'sqs', 'ListQueues', {}),
  ];
}

describe('the console’s operation types', () => {
  it('give each operation its generated input and answer', () => {
    expectTypeOf<
      OutputOf<'ecs', 'DescribeTaskDefinition'>
    >().toEqualTypeOf<DescribeTaskDefinitionResponse>();
    expectTypeOf<OutputOf<'scheduler', 'GetSchedule'>>().toEqualTypeOf<GetScheduleOutput>();
    expectTypeOf<InputOf<'ecs', 'ListClusters'>>().toEqualTypeOf<ListClustersRequest>();
    expectTypeOf<'ListClusters'>().toMatchTypeOf<NextTokenOperation<'ecs'>>();
    expectTypeOf<'FilterLogEvents'>().toMatchTypeOf<NextTokenOperation<'logs'>>();
  });
});
