/**
 * The README's promises, checked by running them as written: the start command (`npm
 * start -- …`, in the background, from the repository), the five-minute walkthrough
 * (each `readme-walkthrough` block, in order, in one shell) down to what each task it
 * started did, the ways to stop teiki (Ctrl-C, `kill $!`, `npm run stop`), the Terraform
 * section's start command and offline steps, and the table of implemented operations.
 * The port comes from `TEIKI_PORT=0` (every option is also a variable), read back from
 * the banner, so the blocks run unchanged next to other teikis; the documented endpoint
 * in the later blocks is replaced by the one in use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const DOCUMENTED_ENDPOINT = 'http://127.0.0.1:4566';

/** The fenced block right after each `<!-- marker -->` comment. */
function blocksAfter(marker: string): string[] {
  const pattern = new RegExp(`<!-- ${marker} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``, 'g');
  return [...README.matchAll(pattern)].map((m) => m[1] as string);
}

function blockAfter(marker: string): string {
  const [block] = blocksAfter(marker);
  expect(block, `README block after <!-- ${marker} -->`).toBeTruthy();
  return block ?? '';
}

interface TaskFate {
  taskArn: string;
  lastStatus?: string;
  stopCode?: string;
  exitCode?: number;
}

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
  taskArns: string[];
  tasks: TaskFate[];
}

/** Each `/_teiki/invocations` answer the script printed (curl prints no newline after it). */
function invocationLists(
  output: string,
): Pick<Invocation, 'name' | 'scheduledTime' | 'outcome'>[][] {
  const lists = [];
  for (
    let at = output.indexOf('{"invocations"');
    at !== -1;
    at = output.indexOf('{"invocations"', at + 1)
  ) {
    let depth = 0;
    let end = at;
    // The answer nests objects now (tasks): find its closing brace.
    for (; end < output.length; end++) {
      if (output[end] === '{') depth++;
      else if (output[end] === '}' && --depth === 0) break;
    }
    const { invocations } = JSON.parse(output.slice(at, end + 1)) as {
      invocations: Invocation[];
    };
    lists.push(
      invocations.map(({ name, scheduledTime, outcome }) => ({ name, scheduledTime, outcome })),
    );
  }
  return lists;
}

/** Polls `/_teiki/invocations` until every task it lists has stopped; answers the list. */
async function settledInvocations(url: string): Promise<Invocation[]> {
  for (;;) {
    const res = await fetch(`${url}/_teiki/invocations`);
    const { invocations } = (await res.json()) as { invocations: Invocation[] };
    if (invocations.every((i) => i.tasks.every((t) => t.lastStatus === 'STOPPED'))) {
      return invocations;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A shell running a README block, in a process group of its own (as a terminal's job). */
interface Shell {
  child: ChildProcess;
  output(): string;
  /** Every process holding the shell's output has ended, and all it printed is read. */
  closed: Promise<void>;
}

function shell(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: boolean },
): Shell {
  const child = spawn('bash', args, {
    cwd: options.cwd,
    env: { ...process.env, AWS_PAGER: '', ...options.env },
    detached: true,
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  groups.push(child.pid ?? 0);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close' waits for the pipes: a background job keeps them open after the shell exits.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { child, output: () => output, closed };
}

/** Waits for teiki's banner in what the shell printed; answers its endpoint. */
async function bannerOf(sh: Shell): Promise<string> {
  for (;;) {
    const match = /listening on (http:\/\/\S+)/.exec(sh.output());
    if (match) return match[1] as string;
    if (/teiki: /.test(sh.output())) throw new Error(`teiki did not start:\n${sh.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a block to its end in bash, stopping at the first failing command (-e, -u, and
 * pipefail unless `pipefail: false`: `find /` fails on what it may not read, as a user's
 * shell would ignore); answers its exit code and output.
 */
async function runBlock(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  options: { pipefail?: boolean } = {},
): Promise<{ status: number | null; output: string; stderr: string }> {
  const flags = options.pipefail === false ? ['-eu'] : ['-euo', 'pipefail'];
  const child = spawn('bash', [...flags, '-c', script], {
    cwd,
    env: { ...process.env, AWS_PAGER: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return { status, output, stderr };
}

/** Whether any process of the group is left (a zombie still counts until reaped). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number): Promise<void> {
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/_teiki/health`);
    return false;
  } catch {
    return true;
  }
}

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) {
    if (pgid && groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  }
});

let teiki: TeikiProcess | undefined;
afterAll(() => {
  teiki?.child.kill('SIGTERM');
});

it('lists exactly the operations teiki implements', async () => {
  teiki ??= await spawnTeiki(['--in-memory']);
  const health = (await (await fetch(`${teiki.url}/_teiki/health`)).json()) as {
    operations: Record<string, string[]>;
  };
  const table = README.slice(README.indexOf('<!-- readme-operations -->'));
  const documented: Record<string, string[]> = {};
  for (const match of table.matchAll(/^\| [^|]*\(`(\w+)`\)\s*\| ([^|]+)\|$/gm)) {
    documented[match[1] as string] = (match[2] as string).trim().split(', ');
  }
  expect(documented).toEqual(health.operations);
});

it('starts with the first line and stops with Ctrl-C', async () => {
  // The README's first line, past `npm install`, in the foreground of a terminal.
  const firstLine = /^npm install && (npm start)\b/m.exec(README)?.[1];
  expect(firstLine).toBe('npm start');
  const sh = shell(['-c', firstLine ?? ''], {
    cwd: ROOT,
    env: { TEIKI_PORT: '0', TEIKI_IN_MEMORY: 'true' },
  });
  const url = await bannerOf(sh);
  // Ctrl-C: the terminal sends SIGINT to the foreground job's whole process group.
  process.kill(-(sh.child.pid ?? 0), 'SIGINT');
  await groupGone(sh.child.pid ?? 0);
  await sh.closed;
  expect(sh.output()).toContain('"signal":"SIGINT"');
  expect(sh.output()).toMatch(/"msg":"stopped"/);
  expect(await refused(url)).toBe(true);
});

describe('the five-minute walkthrough', () => {
  it(
    'runs as written, each task it starts exits 0, and npm run stop stops teiki',
    { timeout: 180_000 },
    async () => {
      const start = blockAfter('readme-start');
      expect(start).toMatch(/^npm start -- .*--clock virtual.* &\n$/);
      const server = shell(['-c', start], { cwd: ROOT, env: { TEIKI_PORT: '0' } });
      const url = await bannerOf(server);
      const port = new URL(url).port;

      const script = blocksAfter('readme-walkthrough')
        .join('\n')
        .replaceAll(DOCUMENTED_ENDPOINT, url);
      expect(script).toContain('aws events put-targets');
      const run = await runBlock(script, tempDir('teiki-readme-'));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const out = run.output;
      const [firstDay, nextDay] = invocationLists(out);
      // The rule fired at 02:20Z and started the task, which stopped with exit code 0.
      expect(firstDay).toEqual([
        {
          name: 'ecs-scheduled-task',
          scheduledTime: '2026-11-28T02:20:00.000Z',
          outcome: 'started',
        },
      ]);
      expect(out).toMatch(
        /"STOPPED",\s*"EssentialContainerExited",\s*0,\s*"events-rule\/ecs-scheduled-task"/,
      );
      // Two timestamped lines, two log events, each with its newline.
      expect(out).toMatch(
        /\[\s*"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] sample:logger started\\n",\s*"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] done\\n"\s*\]/,
      );
      // The next day, the rule and the Tokyo schedule both fired at 02:20Z.
      // Both fired at the same instant; they may be listed in either order.
      expect(nextDay?.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: 'daily-logger', scheduledTime: '2026-11-29T02:20:00.000Z', outcome: 'started' },
        {
          name: 'ecs-scheduled-task',
          scheduledTime: '2026-11-29T02:20:00.000Z',
          outcome: 'started',
        },
      ]);

      // "Both fired the same job": every task the walkthrough started ran and exited 0.
      const invocations = await settledInvocations(url);
      expect(invocations).toHaveLength(3);
      for (const invocation of invocations) {
        expect(invocation.tasks, invocation.name).toEqual([
          {
            taskArn: invocation.taskArns[0],
            lastStatus: 'STOPPED',
            stopCode: 'EssentialContainerExited',
            exitCode: 0,
            stoppedReason: 'Essential container in task exited',
          },
        ]);
      }

      // From another terminal, in the repository: the stop block as written.
      const stopped = await runBlock(blockAfter('readme-stop'), ROOT, { TEIKI_PORT: port });
      expect(stopped.status).toBe(0);
      expect(stopped.output).toContain(`teiki on 127.0.0.1:${port} stopped`);
      await groupGone(server.child.pid ?? 0);
      expect(await refused(url)).toBe(true);
    },
  );

  it('stops with kill $! when started in the background as the README starts it', async () => {
    const start = blockAfter('readme-start');
    const sh = shell(['-s'], { cwd: ROOT, env: { TEIKI_PORT: '0' }, stdin: true });
    sh.child.stdin?.write(start);
    const url = await bannerOf(sh);
    sh.child.stdin?.end('kill $!\nwait\n');
    await groupGone(sh.child.pid ?? 0);
    await sh.closed;
    expect(sh.output()).toContain('"signal":"SIGTERM"');
    expect(sh.output()).toMatch(/"msg":"stopped"/);
    expect(await refused(url)).toBe(true);
  });
});

describe('the Terraform section', () => {
  const work = tempDir('teiki-readme-tf-');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    'starts teiki with the image map, applies the example offline, and the task exits 0',
    { timeout: 420_000 },
    async () => {
      // A checkout of its own, so terraform.rc and the example's state stay out of this one.
      for (const entry of ['package.json', 'bin', 'dist', 'node_modules']) {
        symlinkSync(join(ROOT, entry), join(work, entry));
      }
      mkdirSync(join(work, 'examples'));
      cpSync(
        join(ROOT, 'examples', 'ecs-scheduled-task'),
        join(work, 'examples', 'ecs-scheduled-task'),
        {
          recursive: true,
          filter: (source) =>
            !/[\\/](\.terraform|terraform\.tfstate[^\\/]*|\.terraform\.lock\.hcl|terraform\.tfvars)$/.test(
              source,
            ),
        },
      );
      const start = blockAfter('readme-terraform-start');
      expect(start).toContain('--image-map');
      const server = shell(['-c', start], { cwd: work, env: { TEIKI_PORT: '0' } });
      const url = await bannerOf(server);

      const script = blockAfter('readme-terraform').replaceAll(DOCUMENTED_ENDPOINT, url);
      expect(script).toContain("find / -name 'terraform-provider-aws*'");
      // The example's provider reads its endpoint from a variable; Terraform reads TF_VAR_*.
      const run = await runBlock(
        script,
        work,
        { TF_VAR_teiki_endpoint: url, TF_IN_AUTOMATION: '1' },
        { pipefail: false },
      );
      if (run.status !== 0)
        throw new Error(`the block failed (${run.status}):\n${run.output}\n${run.stderr}`);
      expect(run.output).toContain('Apply complete! Resources: 14 added');
      const [fired] = invocationLists(run.output);
      expect(fired).toEqual([
        {
          name: 'ecs-scheduled-task',
          scheduledTime: '2026-11-28T02:20:00.000Z',
          outcome: 'started',
        },
      ]);
      const [invocation] = await settledInvocations(url);
      expect(invocation?.tasks).toEqual([
        expect.objectContaining({
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
          exitCode: 0,
        }),
      ]);

      // The provider block for other stacks, as written, for the teiki in use.
      const provider = await runBlock(blockAfter('readme-provider'), work, {
        TEIKI_PORT: new URL(url).port,
      });
      expect(provider.status).toBe(0);
      const printed = readFileSync(join(work, 'provider.tf'), 'utf8');
      expect(printed).toMatch(/^# The AWS provider pointed at teiki/);
      expect(printed).toContain(`    ecs            = "${url}"`);

      process.kill(-(server.child.pid ?? 0), 'SIGTERM');
      await groupGone(server.child.pid ?? 0);
    },
  );
});
