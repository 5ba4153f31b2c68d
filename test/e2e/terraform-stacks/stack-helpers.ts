/**
 * Several small Terraform stacks applied together, each its own module, in one workspace
 * against one teiki: one apply, one plan and one destroy for all of them.
 *
 * Why: the AWS provider's cost is not the size of a configuration but the number of
 * Terraform's graph walks. Every walk configures the provider, and configuring it runs
 * the plugin SDK's `InternalValidate` over the provider's thousands of resources (2.5-3.8 s
 * of CPU each time): `apply` walks three times, `plan` twice, `destroy` four times (three
 * without its refresh, which the state just read back makes redundant here). A stack
 * of three resources cost as much as one of forty, so stacks that once had a file and a
 * cycle each now share one (docs/decisions.md, "Test run").
 *
 * Each stack is a module directory (resource addresses cannot collide) whose outputs the
 * root re-exports under the module's name; its checks see its own outputs as the old
 * single-stack file saw them (`outputs.role_arn?.value`).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../../helpers/process.js';
import { tempDir } from '../../helpers/teiki.js';
import {
  cliProviderBlock,
  TerraformWorkspace,
  type TerraformRun,
} from '../../helpers/terraform.js';

export type Outputs = Record<string, { value: unknown } | undefined>;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: Credentials;
  maxAttempts: number;
}

/** What a stack's checks get: the teiki, SDK clients for it, and the stack's outputs. */
export interface StackContext {
  url: string;
  outputs: Outputs;
  client: <C>(Client: new (config: ClientConfig) => C, credentials?: Credentials) => C;
}

type Checks = Record<string, (context: StackContext) => Promise<void> | void>;

export interface TerraformStack {
  /** The module's directory, and (dashes made underscores) its name in the root. */
  name: string;
  /** What the stack is about, the prefix of its tests' names. */
  title: string;
  /** The module's files for the first apply (read after `start`). */
  files: Record<string, string>;
  /** Files rewritten for a second apply, for a stack whose test changes its configuration. */
  changedFiles?: Record<string, string>;
  /** teiki options the stack needs; they must not change what the other stacks see. */
  teikiArgs?: string[];
  /** Starts what the configuration points at (before the workspace is written). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  afterApply: Checks;
  afterChange?: Checks;
  /** Runs just before the destroy, e.g. to note what the destroy must remove. */
  beforeDestroy?(context: StackContext): Promise<void>;
  afterDestroy?: Checks;
}

const moduleName = (stack: TerraformStack) => stack.name.replaceAll('-', '_');

/**
 * The root module: each stack as a module, and its outputs as one root output. The
 * provider block beside it (provider.tf) is the one `teiki terraform-provider` prints,
 * used as printed. The outputs are marked sensitive because a stack may output a secret (a
 * module object holding one must be); `terraform output -json` prints them all the same.
 */
function rootModule(stacks: TerraformStack[]): string {
  const terraform = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
`;
  return (
    terraform +
    stacks
      .map(
        (stack) => `
module "${moduleName(stack)}" {
  source = "./${stack.name}"
}

output "${moduleName(stack)}" {
  value     = module.${moduleName(stack)}
  sensitive = true
}
`,
      )
      .join('')
  );
}

function moduleFiles(stack: TerraformStack, files: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => [`${stack.name}/${name}`, text]),
  );
}

/**
 * A plan with no changes: what every single-stack file asserted of its plans, together
 * (no changes, exit code 0, nothing on stderr).
 */
function expectNoChanges(plan: TerraformRun): void {
  expect({ status: plan.status, stdout: plan.stdout, stderr: plan.stderr }).toMatchObject({
    status: 0,
  });
  expect(plan.stdout + plan.stderr).toContain('No changes.');
  expect(plan.stderr).toBe('');
}

/** Terraform's runs of a large provider on a shared machine: far more than the default. */
const TERRAFORM_RUN = 600_000;

/**
 * The tests: apply every stack, each stack's checks, a plan with no changes; then, if any
 * stack changes its configuration, a second apply, those stacks' checks and another plan;
 * destroy, and each stack's checks of what is left.
 */
export function describeStacks(title: string, stacks: TerraformStack[]): void {
  describe(title, () => {
    let teiki: TeikiProcess;
    let dir: string;
    let workspace: TerraformWorkspace;
    let outputs: Record<string, { value: unknown }> = {};

    const context = (stack: TerraformStack): StackContext => ({
      url: teiki.url,
      outputs: Object.fromEntries(
        Object.entries((outputs[moduleName(stack)]?.value ?? {}) as Record<string, unknown>).map(
          ([name, value]) => [name, { value }],
        ),
      ),
      client: (Client, credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) =>
        new Client({ endpoint: teiki.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    });

    const describeChecks = (when: string, pick: (stack: TerraformStack) => Checks | undefined) => {
      for (const stack of stacks) {
        for (const [name, check] of Object.entries(pick(stack) ?? {})) {
          it(`${stack.title}, ${when}: ${name}`, () => check(context(stack)), TERRAFORM_RUN);
        }
      }
    };

    beforeAll(async () => {
      for (const stack of stacks) await stack.start?.();
      // Terraform runs as another process and so does teiki, as users run them.
      teiki = await spawnTeiki(['--in-memory', ...stacks.flatMap((s) => s.teikiArgs ?? [])]);
      dir = tempDir('teiki-tf-stacks-');
      workspace = TerraformWorkspace.create(dir, teiki.url, {
        'provider.tf': cliProviderBlock(teiki.url),
        'main.tf': rootModule(stacks),
        ...Object.fromEntries(
          stacks.flatMap((stack) => Object.entries(moduleFiles(stack, stack.files))),
        ),
      });
    }, 120_000);

    afterAll(async () => {
      teiki?.child.kill('SIGTERM');
      await teiki?.exited;
      for (const stack of stacks) await stack.stop?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(
      `applies ${stacks.length} stacks together`,
      async () => {
        await workspace.applyAsync();
        outputs = workspace.output();
      },
      TERRAFORM_RUN,
    );
    describeChecks('applied', (stack) => stack.afterApply);
    it(
      'plans no changes: every attribute reads back as written',
      async () => {
        expectNoChanges(await workspace.planAsync());
      },
      TERRAFORM_RUN,
    );

    const changing = stacks.filter((stack) => stack.changedFiles);
    if (changing.length > 0) {
      it(
        `applies the changed configuration of ${changing.map((s) => s.name).join(', ')}`,
        async () => {
          for (const stack of changing) {
            for (const [name, text] of Object.entries(moduleFiles(stack, stack.changedFiles!)))
              writeFileSync(join(dir, name), text);
          }
          await workspace.applyAsync();
          outputs = workspace.output();
        },
        TERRAFORM_RUN,
      );
      describeChecks('changed', (stack) => stack.afterChange);
      it(
        'plans no changes after the change',
        async () => {
          expectNoChanges(await workspace.planAsync());
        },
        TERRAFORM_RUN,
      );
    }

    it(
      'destroys every stack',
      async () => {
        for (const stack of stacks) await stack.beforeDestroy?.(context(stack));
        // The last plan read every resource back and the checks since only read (or fire
        // a rule, whose tasks Terraform does not track): the refresh walk would read the same.
        await workspace.destroyAsync({ refresh: false });
      },
      TERRAFORM_RUN,
    );
    describeChecks('destroyed', (stack) => stack.afterDestroy);
  });
}
