/**
 * examples/ecs-scheduled-task on the docker runtime, as its README tells a user to run
 * it: the image built offline by `app/build-image.sh`, teiki in its own process with
 * `--runtime docker` and the example's ECR image mapped to that local image, `terraform
 * apply` of the example as shipped, the rule fired once, the task run as a real container
 * whose output lands in the log group grouped by `awslogs-datetime-format`, then destroy.
 *
 * Needs a Docker Engine API at DOCKER_HOST (Docker, or Podman's service as
 * `scripts/test-env.sh` starts it). As with the other docker suites: without one it fails
 * under `npm test` or CI and is skipped loudly otherwise.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, ECSClient, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAddress } from '../../src/runtimes/docker/engine-address.js';
import { DockerEngine } from '../../src/runtimes/docker/engine.js';
import { EngineHttp } from '../../src/runtimes/docker/http.js';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { copyConfiguration, TerraformWorkspace } from '../helpers/terraform.js';
import { expectSampleLoggerEvents } from './sample-logger.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/ecs-scheduled-task/', import.meta.url));
const BUILD_IMAGE = join(EXAMPLE, 'app/build-image.sh');
const IMAGE_REPO = '000000000000.dkr.ecr.us-east-1.amazonaws.com/ecs-scheduler-sample';
/** A tag of this run's own, so a user's `:v1` is never replaced and the image is removed after. */
const LOCAL_IMAGE = `localhost/ecs-scheduler-sample:e2e-${process.pid}`;
const OVERRIDE = ['sh', 'sample-logger.sh', 'sample:logger'];
const TF_TIMEOUT = 240_000;

const inCi = ['1', 'true', 'yes'].includes((process.env.CI ?? '').toLowerCase());

/** Why no engine can be used, or undefined when one answers. */
async function engineMissing(): Promise<string | undefined> {
  let engine: DockerEngine | undefined;
  try {
    engine = new DockerEngine(engineAddress(process.env));
    await engine.info();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    engine?.close();
  }
}

const missing = await engineMissing();
const SUITE = 'examples/ecs-scheduled-task on the docker runtime';

function describeWithEngine(body: () => void): void {
  if (missing === undefined) {
    describe(SUITE, { timeout: TF_TIMEOUT }, body);
    return;
  }
  if (inCi) {
    describe(SUITE, () => {
      it('reaches a Docker engine (CI is set)', () => {
        throw new Error(`no usable Docker engine: ${missing}`);
      });
    });
    return;
  }
  process.stderr.write(
    `\n*** SKIPPED "${SUITE}": no usable Docker engine (${missing}).\n` +
      '*** Set DOCKER_HOST to a Docker or Podman socket to run it.\n\n',
  );
  describe.skip(SUITE, body);
}

/** One Engine API call the runtime's client has no method for (tests only). */
async function engineCall<T>(
  method: string,
  path: string,
  query?: Record<string, boolean>,
): Promise<T | undefined> {
  const http = new EngineHttp(engineAddress(process.env));
  try {
    return (await http.json<T>(method, path, query ? { query } : {})).body;
  } finally {
    http.close();
  }
}

describeWithEngine(() => {
  let dir: string;
  let teiki: TeikiProcess;
  let workspace: TerraformWorkspace;
  let config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  let taskArn = '';

  beforeAll(async () => {
    dir = tempDir('teiki-seed-example-docker-');
    copyConfiguration(EXAMPLE, dir);
    // The README's docker steps: build the image, then map the ECR name to it.
    teiki = await spawnTeiki([
      '--in-memory',
      '--runtime',
      'docker',
      // The workload needs no network; the other docker suites run without one too.
      '--docker-network',
      'none',
      // Off 02:20Z, so only the explicit fire below starts the task.
      '--clock',
      'virtual',
      '--clock-start',
      '2026-11-28T00:00:00Z',
      '--image-map',
      `${IMAGE_REPO}:*=${LOCAL_IMAGE}`,
    ]);
    config = {
      endpoint: teiki.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    writeFileSync(join(dir, 'terraform.tfvars'), `teiki_endpoint = "${teiki.url}"\n`);
    workspace = TerraformWorkspace.init(dir);
  }, TF_TIMEOUT);

  afterAll(async () => {
    teiki?.child.kill('SIGTERM');
    await teiki?.exited;
    // Already gone when the build failed: nothing to clean then.
    await engineCall('DELETE', `/images/${encodeURIComponent(LOCAL_IMAGE)}`, { force: true }).catch(
      () => undefined,
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('app/build-image.sh builds the image offline, with /app as its working directory', async () => {
    const build = spawnSync(BUILD_IMAGE, [LOCAL_IMAGE], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(new RegExp(`^built ${LOCAL_IMAGE} with (docker|podman) import`));
    const image = await engineCall<{ Config?: { WorkingDir?: string; Cmd?: string[] } }>(
      'GET',
      `/images/${encodeURIComponent(LOCAL_IMAGE)}/json`,
    );
    expect(image?.Config?.WorkingDir).toBe('/app');
    expect(image?.Config?.Cmd).toEqual(OVERRIDE);
  });

  it('applies as shipped', async () => {
    await workspace.applyAsync();
    expect(workspace.output().image?.value).toBe(`${IMAGE_REPO}:v1`);
  });

  it('firing the rule runs the task as a container that exits 0', async () => {
    const res = await fetch(`${teiki.url}/_teiki/fire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: 'ecs-scheduled-task' }),
    });
    expect(res.status).toBe(200);
    const fired = (await res.json()) as { invocations: { outcome: string; taskArns: string[] }[] };
    expect(fired.invocations.map((inv) => [inv.outcome, inv.taskArns.length])).toEqual([
      ['started', 1],
    ]);
    taskArn = fired.invocations[0]?.taskArns[0] as string;

    const ecs = new ECSClient(config);
    await waitUntilTasksStopped(
      { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 1 },
      { cluster: 'scheduler-cluster', tasks: [taskArn] },
    );
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'scheduler-cluster', tasks: [taskArn] }),
    );
    expect(tasks?.[0]).toMatchObject({
      lastStatus: 'STOPPED',
      startedBy: 'events-rule/ecs-scheduled-task',
      stopCode: 'EssentialContainerExited',
      overrides: { containerOverrides: [{ name: 'logger', command: OVERRIDE }] },
    });
    const container = tasks?.[0]?.containers?.[0];
    expect([container?.name, container?.image, container?.exitCode]).toEqual([
      'logger',
      `${IMAGE_REPO}:v1`,
      0,
    ]);
    // The docker runtime names a container by the engine's 64-hex id; the process
    // runtime's ids are TASK_ID-PID.
    expect(container?.runtimeId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the container logged to /ecs-scheduler under scheduler/logger/TASK_ID, the trace as one event', async () => {
    const events = await new CloudWatchLogsClient(config).send(
      new GetLogEventsCommand({
        logGroupName: '/ecs-scheduler',
        logStreamName: `scheduler/logger/${taskArn.split('/').pop() as string}`,
        startFromHead: true,
      }),
    );
    const messages = events.events?.map((event) => event.message ?? '') ?? [];
    expectSampleLoggerEvents(messages);
  });

  it('destroys the stack', async () => {
    // The apply read every resource back and nothing Terraform tracks changed since (the
    // task and its log stream are not in the state): the refresh walk would read the same.
    await workspace.destroyAsync({ refresh: false });
    expect((await new EventBridgeClient(config).send(new ListRulesCommand({}))).Rules).toEqual([]);
  });
});
