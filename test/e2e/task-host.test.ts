/**
 * `--task-host`: tasks call teiki back at the address given, where a listener of its own
 * answers only connections made to that address; with `--task-aws-endpoint=false` a task
 * gets no AWS_ENDPOINT_URL but still its metadata endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskFixture, awslogs, type TaskFixture } from '../services/ecs/tasks-fixtures.js';

const SCRIPT =
  'env | sort; echo "--- task"; wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task"; echo';

describe('--task-host 127.0.0.2 --task-aws-endpoint=false', () => {
  let f: TaskFixture;
  beforeAll(async () => {
    f = await startTaskFixture([
      '--in-memory',
      '--task-host',
      '127.0.0.2',
      '--task-aws-endpoint=false',
    ]);
  });
  afterAll(() => f.close());

  it('points the task at the address given, served there only', async () => {
    const family = await f.register([
      { name: 'app', image: 'local', command: ['sh', '-c', SCRIPT], logConfiguration: awslogs() },
    ]);
    const task = await f.waitStopped((await f.run(family)).taskArn ?? '');
    const lines = await f.logLines('app', task.taskArn ?? '');
    expect(task.containers?.[0]?.exitCode, lines.join('\n')).toBe(0);
    const metadata = lines.find((l) => l.startsWith('ECS_CONTAINER_METADATA_URI_V4=')) ?? '';
    const base = /^ECS_CONTAINER_METADATA_URI_V4=(http:\/\/127\.0\.0\.2:(\d+))\//.exec(metadata);
    expect(base, metadata).not.toBeNull();
    expect(lines.some((l) => l.startsWith('AWS_ENDPOINT_URL='))).toBe(false);
    const document = JSON.parse(lines[lines.indexOf('--- task') + 1] ?? '{}') as {
      TaskARN?: string;
    };
    expect(document.TaskARN).toBe(task.taskArn);
    // The task listener's port answers its own address only: loopback's 127.0.0.1 is refused.
    await expect(fetch(`http://127.0.0.1:${base?.[2] ?? ''}/_teiki/health`)).rejects.toThrow();
    expect((await fetch(`${base?.[1] ?? ''}/_teiki/health`)).status).toBe(200);
  });
});
