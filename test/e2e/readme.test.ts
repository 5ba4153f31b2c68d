/**
 * The README's promises, checked by running them: the five-minute walkthrough runs as
 * written (each `readme-walkthrough` block, in order, in one shell, against a teiki
 * started with the README's own arguments), and its table of implemented operations is
 * exactly what teiki serves.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const DOCUMENTED_ENDPOINT = 'http://127.0.0.1:4566';

/** The fenced block right after each `<!-- marker -->` comment. */
function blocksAfter(marker: string): string[] {
  const pattern = new RegExp(`<!-- ${marker} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``, 'g');
  return [...README.matchAll(pattern)].map((m) => m[1] as string);
}

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
}

/** Each `/_teiki/invocations` answer the script printed (curl prints no newline after it). */
function invocationLists(output: string): Pick<Invocation, keyof Invocation>[][] {
  const lists = [];
  for (
    let at = output.indexOf('{"invocations"');
    at !== -1;
    at = output.indexOf('{"invocations"', at + 1)
  ) {
    const end = output.indexOf(']}', at) + 2;
    const { invocations } = JSON.parse(output.slice(at, end)) as { invocations: Invocation[] };
    lists.push(
      invocations.map(({ name, scheduledTime, outcome }) => ({ name, scheduledTime, outcome })),
    );
  }
  return lists;
}

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

it('runs the five-minute walkthrough as written', async () => {
  const start = blocksAfter('readme-start')[0] ?? '';
  const args = /npx teiki start (.*?) &/.exec(start)?.[1]?.split(' ');
  expect(args).toContain('--clock');
  const walkthrough = await spawnTeiki(args ?? []);
  try {
    const script = blocksAfter('readme-walkthrough')
      .join('\n')
      .replaceAll(DOCUMENTED_ENDPOINT, walkthrough.url);
    expect(script).toContain('aws events put-targets');
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: tempDir('teiki-readme-'),
      encoding: 'utf8',
      env: { ...process.env, AWS_PAGER: '' },
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    const [firstDay, nextDay] = invocationLists(out);
    // The rule fired at 02:20Z and started the task, which stopped with exit code 0.
    expect(firstDay).toEqual([
      { name: 'ecs-scheduled-task', scheduledTime: '2026-11-28T02:20:00.000Z', outcome: 'started' },
    ]);
    expect(out).toMatch(
      /"STOPPED",\s*"EssentialContainerExited",\s*0,\s*"events-rule\/ecs-scheduled-task"/,
    );
    // Two timestamped lines, two log events.
    expect(out).toMatch(
      /\[\s*"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] sample:logger started\\n",\s*"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] done\\n"\s*\]/,
    );
    // The next day, the rule and the Tokyo schedule both fired at 02:20Z.
    // Both fired at the same instant; they may be listed in either order.
    expect(nextDay?.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'daily-logger', scheduledTime: '2026-11-29T02:20:00.000Z', outcome: 'started' },
      { name: 'ecs-scheduled-task', scheduledTime: '2026-11-29T02:20:00.000Z', outcome: 'started' },
    ]);
  } finally {
    walkthrough.child.kill('SIGTERM');
  }
});
