/**
 * examples/ecs-scheduled-task under `--auth enforce`: Terraform signs as an IAM user whose
 * only permissions are the example's deployer-policy.json (found by applying the stack and
 * reading the denials), and applies, plans clean and destroys; with one statement removed
 * (iam:PassRole of the events role to EventBridge) apply fails with AWS's AccessDenied
 * message naming the action, and the target is not created.
 */
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { copyConfiguration, TerraformWorkspace } from '../helpers/terraform.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/ecs-scheduled-task/', import.meta.url));
const ACCOUNT = '000000000000';
const ROOT = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };
/** Terraform against a loaded CI machine can be slow; vitest's 60 s default is tight. */
const TF_TIMEOUT = 240_000;

interface PolicyDocument {
  Version: string;
  Statement: Array<{ Sid?: string }>;
}

describe('examples/ecs-scheduled-task under --auth enforce', { timeout: TF_TIMEOUT }, () => {
  let teiki: TeikiProcess;
  let dir: string;
  let workspace: TerraformWorkspace;
  let policyArn: string;
  let iam: IAMClient;
  const deployerPolicy = JSON.parse(
    readFileSync(join(EXAMPLE, 'deployer-policy.json'), 'utf8'),
  ) as PolicyDocument;

  beforeAll(async () => {
    dir = tempDir('teiki-enforce-example-');
    copyConfiguration(EXAMPLE, dir);
    teiki = await spawnTeiki([
      '--in-memory',
      '--auth',
      'enforce',
      '--root-access-key-id',
      ROOT.accessKeyId,
      '--root-secret-access-key',
      ROOT.secretAccessKey,
    ]);
    iam = new IAMClient({ endpoint: teiki.url, region: 'us-east-1', credentials: ROOT });
    await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    // Past an inline policy's 2,048 bytes: a customer managed policy holds it.
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'deployer',
        PolicyDocument: JSON.stringify(deployerPolicy),
      }),
    );
    policyArn = policy.Policy?.Arn ?? '';
    await iam.send(new AttachUserPolicyCommand({ UserName: 'deployer', PolicyArn: policyArn }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    writeFileSync(
      join(dir, 'terraform.tfvars'),
      [
        `teiki_endpoint = ${JSON.stringify(teiki.url)}`,
        `access_key = ${JSON.stringify(key.AccessKey?.AccessKeyId)}`,
        `secret_key = ${JSON.stringify(key.AccessKey?.SecretAccessKey)}`,
        '',
      ].join('\n'),
    );
    workspace = TerraformWorkspace.init(dir);
  }, TF_TIMEOUT);

  afterAll(async () => {
    teiki.child.kill('SIGTERM');
    await teiki.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies, plans clean and destroys with exactly the deployer policy', async () => {
    await workspace.applyAsync();
    const plan = await workspace.planAsync();
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);
    // The plan just read every resource back as the deployer: the destroy's refresh walk
    // would make the same reads under the same policy.
    await workspace.destroyAsync({ refresh: false });
  });

  it('fails with the AccessDenied naming iam:PassRole when that permission is removed', async () => {
    const without = {
      ...deployerPolicy,
      Statement: deployerPolicy.Statement.filter(
        (statement) => statement.Sid !== 'PassTheEventsRoleToEventBridge',
      ),
    };
    expect(without.Statement).toHaveLength(deployerPolicy.Statement.length - 1);
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: policyArn,
        PolicyDocument: JSON.stringify(without),
        SetAsDefault: true,
      }),
    );
    const run = await workspace.runAsync(['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(run.status).toBe(1);
    const output = (run.stdout + run.stderr).replace(/\s+/g, ' ');
    expect(output).toContain(
      `AccessDeniedException: User: arn:aws:iam::${ACCOUNT}:user/deployer is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/EcsEventsRole-sample because no identity-based policy allows the iam:PassRole action`,
    );
    const targets = await new EventBridgeClient({
      endpoint: teiki.url,
      region: 'us-east-1',
      credentials: ROOT,
    }).send(new ListTargetsByRuleCommand({ Rule: 'ecs-scheduled-task' }));
    expect(targets.Targets).toEqual([]);
  });
});
