import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { BIN, awsJson, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

/** teiki as users start it with `--store postgres://…`: the built CLI, the AWS CLI. */

let schema: TestSchema;
const running: TeikiProcess[] = [];
beforeEach(async () => {
  schema = await createTestSchema();
});
afterEach(async () => {
  for (const teiki of running.splice(0)) {
    teiki.child.kill('SIGKILL');
    await teiki.exited;
  }
  await schema.drop();
});

const start = async (args: string[]) => {
  const teiki = await spawnTeiki(['--data-dir', tempDir(), ...args]);
  running.push(teiki);
  return teiki;
};

describe('teiki start --store postgres://…', () => {
  it('names the store without its password, keeps state across a kill -9, and shares it', async () => {
    const url = new URL(schema.url);
    // Two processes starting at once race for the migrations; both come up.
    const [first, second] = await Promise.all([
      start(['--store', schema.url]),
      start(['--store', schema.url]),
    ]);
    expect(first.output()).toContain(
      `store:   postgres://${url.username}@${url.host}/${url.pathname.slice(1)}`,
    );
    expect(first.output()).not.toContain(decodeURIComponent(url.password));
    const health = (await (await fetch(`${first.url}/_teiki/health`)).json()) as object;
    expect(health).toMatchObject({ status: 'running', store: 'postgres' });

    awsJson(first.url, ['logs', 'create-log-group', '--log-group-name', '/ecs/sample']);
    awsJson(first.url, [
      'logs',
      'create-log-stream',
      '--log-group-name',
      '/ecs/sample',
      '--log-stream-name',
      'ecs/app/1',
    ]);
    awsJson(first.url, [
      'logs',
      'put-log-events',
      '--log-group-name',
      '/ecs/sample',
      '--log-stream-name',
      'ecs/app/1',
      '--log-events',
      `timestamp=${Date.now()},message=hello from the first`,
    ]);
    // Read through the other process: one shared state.
    const events = awsJson(second.url, [
      'logs',
      'get-log-events',
      '--log-group-name',
      '/ecs/sample',
      '--log-stream-name',
      'ecs/app/1',
    ]) as { events: Array<{ message: string }> };
    expect(events.events.map((e) => e.message)).toEqual(['hello from the first']);

    for (const teiki of running.splice(0)) {
      teiki.child.kill('SIGKILL');
      await teiki.exited;
    }
    const again = await start(['--store', schema.url]);
    const groups = awsJson(again.url, ['logs', 'describe-log-groups']) as {
      logGroups: Array<{ logGroupName: string }>;
    };
    expect(groups.logGroups.map((g) => g.logGroupName)).toEqual(['/ecs/sample']);
  });

  it('says in one line which database it cannot reach, and exits 1', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const result = spawnSync(
      process.execPath,
      [BIN, 'start', '--port', '0', '--store', `postgres://teiki:s3cret@127.0.0.1:${port}/teiki`],
      { encoding: 'utf8', cwd: tempDir() },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `teiki: Cannot use the PostgreSQL store postgres://teiki@127.0.0.1:${port}/teiki: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
    expect(result.stdout).toBe('');
  });
});
