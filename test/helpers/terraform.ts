/**
 * Terraform against teiki, offline: the AWS provider comes from the machine's filesystem
 * mirror, found the way a user would find it (`find / -name 'terraform-provider-aws*'`),
 * never from a fixed path.
 *
 * The commands that start the provider (apply, plan, destroy) run without blocking the test
 * worker (the `…Async` forms): a worker blocked in one for a minute misses its runner's
 * heartbeat ("Timeout calling onTaskUpdate"), which a loaded machine or more workers than
 * cores makes likely. `init` and `output` start no provider and run synchronously (`run`),
 * so the teiki a workspace talks to must be another process (test/helpers/process.ts
 * `spawnTeiki`), never a server in the test's own event loop.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN } from './process.js';
import { runChild, type ChildRun } from './run-child.js';
import { providerBlock as printedProviderBlock } from '../../src/cli/terraform-provider.js';

let mirrorRoot: string | undefined;

/** The folder that holds `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws…`. */
export function providerMirrorRoot(): string {
  if (mirrorRoot) return mirrorRoot;
  const found = execFileSync(
    'sh',
    ['-c', "find / -xdev -name 'terraform-provider-aws*' -type f 2>/dev/null | head -n 1"],
    { encoding: 'utf8' },
  ).trim();
  const marker = '/registry.terraform.io/';
  const at = found.indexOf(marker);
  if (!found || at === -1) {
    throw new Error(
      'No Terraform AWS provider mirror found (find / -name terraform-provider-aws*); the Terraform suites cannot run.',
    );
  }
  mirrorRoot = found.slice(0, at);
  return mirrorRoot;
}

/** A Terraform configuration copied without its state, lock file and `.terraform`. */
export function copyConfiguration(source: string, destination: string): void {
  cpSync(source, destination, {
    recursive: true,
    filter: (path) =>
      !/[\\/](\.terraform|terraform\.tfstate[^\\/]*|\.terraform\.lock\.hcl)$/.test(path),
  });
}

/** The `terraform` block and `teiki terraform-provider`'s own provider block. */
export function providerBlock(endpoint: string, region = 'us-east-1'): string {
  return `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

${printedProviderBlock(endpoint, region)}`;
}

/**
 * What the built `teiki terraform-provider` prints for a running teiki's port, checked to
 * have succeeded in silence: the block users paste into their stacks.
 */
export function cliProviderBlock(url: string): string {
  const port = new URL(url).port;
  const run = spawnSync(process.execPath, [BIN, 'terraform-provider', '--port', port], {
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  if (run.stderr !== '' || run.status !== 0)
    throw new Error(`teiki terraform-provider failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

export type TerraformRun = ChildRun;

export class TerraformWorkspace {
  constructor(readonly dir: string) {}

  /** Writes `main.tf` (the provider block plus `body`) and other files, then `terraform init`. */
  static create(dir: string, endpoint: string, files: Record<string, string>): TerraformWorkspace {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'provider.tf'), providerBlock(endpoint));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return TerraformWorkspace.init(dir);
  }

  /** `terraform init` of a directory that holds its configuration, from the offline mirror. */
  static init(dir: string): TerraformWorkspace {
    writeFileSync(
      join(dir, 'cli.tfrc'),
      `provider_installation {
  filesystem_mirror {
    path    = "${providerMirrorRoot()}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
    );
    const workspace = new TerraformWorkspace(dir);
    workspace.expectOk(workspace.run(['init', '-input=false', '-no-color']), 'init');
    return workspace;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(this.dir, 'cli.tfrc'),
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // The AWS provider builds its whole schema (thousands of resources) each time
      // Terraform starts it, several times a command; at Go's default GOGC=100 a third of
      // that CPU is garbage collection. 400 cuts a plan's CPU by about 30% for ~25% more
      // peak memory (docs/decisions.md, "Test run"). A caller's own GOGC wins.
      GOGC: process.env.GOGC ?? '400',
    };
  }

  /** A command that starts no provider (`init`, `output`), synchronously. */
  run(args: string[]): TerraformRun {
    const result = spawnSync('terraform', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: this.env(),
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    if (result.error) throw result.error;
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** `run` without blocking the test's event loop, killed after 10 minutes. */
  runAsync(args: string[]): Promise<TerraformRun> {
    return runChild('terraform', args, { cwd: this.dir, env: this.env() });
  }

  async applyAsync(): Promise<TerraformRun> {
    const run = await this.runAsync(['apply', '-auto-approve', '-input=false', '-no-color']);
    return this.expectOk(run, 'apply');
  }

  /** `plan -detailed-exitcode`: 0 no changes, 2 changes (drift), 1 error. */
  planAsync(): Promise<TerraformRun> {
    return this.runAsync(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
  }

  /**
   * `destroy`. A destroy walks the graph four times (validate, refresh, destroy plan,
   * apply), each walk ~3 s of the provider's CPU however small the stack; `refresh: false`
   * skips the refresh walk, for a caller whose state is current (a plan or an apply just
   * read every resource back, and nothing Terraform tracks changed since): the refresh would
   * read back what the state holds, and the destroy asks teiki to delete the same
   * resources by the same ids either way (docs/decisions.md, "Test run").
   */
  async destroyAsync(options: { refresh: boolean }): Promise<TerraformRun> {
    const refresh = options.refresh ? [] : ['-refresh=false'];
    const run = await this.runAsync([
      'destroy',
      '-auto-approve',
      ...refresh,
      '-input=false',
      '-no-color',
    ]);
    return this.expectOk(run, 'destroy');
  }

  output(): Record<string, { value: unknown }> {
    const run = this.expectOk(this.run(['output', '-json']), 'output');
    return JSON.parse(run.stdout) as Record<string, { value: unknown }>;
  }

  expectOk(run: TerraformRun, what: string): TerraformRun {
    if (run.status !== 0)
      throw new Error(`terraform ${what} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    return run;
  }
}
