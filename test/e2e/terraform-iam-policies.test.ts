/**
 * Managed policies through Terraform: a role with a customer managed policy and an AWS
 * managed one attached; changing the policy document makes a new default version; destroy
 * leaves no customer policy behind.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

const TASK_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const POLICY_ARN = 'arn:aws:iam::000000000000:policy/scheduler/EcsEventsPolicy';

function stack(taskDefinition: string): string {
  return `
resource "aws_iam_role" "ecs_events" {
  name = "EcsEventsRole"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = ""
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "ecs_events" {
  name        = "EcsEventsPolicy"
  path        = "/scheduler/"
  description = "Lets the rule start the task"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      {
        Effect   = "Allow"
        Action   = "ecs:RunTask"
        Resource = "arn:aws:ecs:us-east-1:000000000000:task-definition/${taskDefinition}"
      },
    ]
  })
  tags = { Team = "platform" }
}

resource "aws_iam_role_policy_attachment" "ecs_events" {
  role       = aws_iam_role.ecs_events.name
  policy_arn = aws_iam_policy.ecs_events.arn
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.ecs_events.name
  policy_arn = "${TASK_EXECUTION}"
}

output "policy_arn" { value = aws_iam_policy.ecs_events.arn }
output "policy_id" { value = aws_iam_policy.ecs_events.policy_id }
`;
}

let teiki: TeikiProcess;
let iam: IAMClient;
let dir: string;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  // Terraform runs synchronously, so teiki must be another process (as users run it).
  teiki = await spawnTeiki(['--in-memory']);
  iam = new IAMClient({
    endpoint: teiki.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  dir = tempDir('teiki-tf-policies-');
  workspace = TerraformWorkspace.create(dir, teiki.url, { 'main.tf': stack('scheduler') });
});
afterAll(async () => {
  teiki.child.kill('SIGTERM');
  await teiki.exited;
  rmSync(dir, { recursive: true, force: true });
});

async function defaultDocument(): Promise<{ versionId: string; document: unknown }> {
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: POLICY_ARN }))).Policy!;
  const version = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: policy.DefaultVersionId }),
  );
  return {
    versionId: policy.DefaultVersionId!,
    document: JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)),
  };
}

describe('terraform: aws_iam_policy and aws_iam_role_policy_attachment', () => {
  it('applies, and the attachments and the policy are there as written', async () => {
    await workspace.applyAsync();
    const outputs = workspace.output();
    expect(outputs.policy_arn?.value).toBe(POLICY_ARN);
    expect(outputs.policy_id?.value).toEqual(expect.stringMatching(/^ANPA[A-Z2-7]{17}$/));

    const attached = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'EcsEventsRole' }),
    );
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual(
      [POLICY_ARN, TASK_EXECUTION].sort(),
    );
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: POLICY_ARN }))).Policy!;
    expect(policy).toMatchObject({
      AttachmentCount: 1,
      Description: 'Lets the rule start the task',
      Tags: [{ Key: 'Team', Value: 'platform' }],
    });
    const { versionId, document } = await defaultDocument();
    expect(versionId).toBe('v1');
    expect(JSON.stringify(document)).toContain('task-definition/scheduler');
  }, 300_000);

  it('shows no drift on a second plan', async () => {
    const plan = await workspace.planAsync();
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);
  }, 300_000);

  it('a changed document becomes a new default version, and then there is no drift', async () => {
    writeFileSync(join(dir, 'main.tf'), stack('sample'));
    await workspace.applyAsync();
    const { versionId, document } = await defaultDocument();
    expect(versionId).toBe('v2');
    expect(JSON.stringify(document)).toContain('task-definition/sample');
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: POLICY_ARN }));
    expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);

    const plan = await workspace.planAsync();
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);
  }, 300_000);

  it('destroys to nothing', async () => {
    await workspace.destroyAsync();
    expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
    const aws = await iam.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
    expect(aws.Policy!.AttachmentCount).toBe(0);
  }, 300_000);
});
