/**
 * `teiki terraform-provider` prints a provider block with an endpoint for every service
 * teiki serves. That a stack applies with it as printed, plans clean and destroys is in
 * terraform-stacks-applied-once: every shared workspace's provider.tf is the built CLI's
 * output, and its provider-block stack touches every service (terraform-stacks/).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, spawnTeiki, type TeikiProcess } from '../helpers/process.js';

let teiki: TeikiProcess;
beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
});
afterAll(async () => {
  teiki.child.kill('SIGTERM');
  await teiki.exited;
});

function printedBlock(): string {
  const port = new URL(teiki.url).port;
  const run = spawnSync(process.execPath, [BIN, 'terraform-provider', '--port', port], {
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

it('names an endpoint for every service teiki serves', async () => {
  const health = (await (await fetch(`${teiki.url}/_teiki/health`)).json()) as {
    services: string[];
  };
  const block = printedBlock();
  const keys = [...block.matchAll(/^ {4}(\w+)\s+= "(.*)"$/gm)].map((m) => [m[1], m[2]]);
  expect(keys.map(([key]) => key).sort()).toEqual([...health.services].sort());
  expect(new Set(keys.map(([, url]) => url))).toEqual(new Set([teiki.url]));
  expect(block).toContain('skip_credentials_validation = true');
  expect(block).toContain('skip_metadata_api_check     = true');
});
