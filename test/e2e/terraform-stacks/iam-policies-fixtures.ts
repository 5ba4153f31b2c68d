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
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

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

async function defaultDocument(iam: IAMClient): Promise<{ versionId: string; document: unknown }> {
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: POLICY_ARN }))).Policy!;
  const version = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: policy.DefaultVersionId }),
  );
  return {
    versionId: policy.DefaultVersionId!,
    document: JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)),
  };
}

export const iamPoliciesStack = (): TerraformStack => ({
  name: 'iam-policies',
  title: 'aws_iam_policy and aws_iam_role_policy_attachment',
  files: { 'main.tf': stack('scheduler') },
  changedFiles: { 'main.tf': stack('sample') },
  afterApply: {
    'the attachments and the policy are there as written': async ({ outputs, client }) => {
      const iam = client(IAMClient);
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
      const { versionId, document } = await defaultDocument(iam);
      expect(versionId).toBe('v1');
      expect(JSON.stringify(document)).toContain('task-definition/scheduler');
    },
  },
  afterChange: {
    'a changed document became a new default version': async ({ client }) => {
      const iam = client(IAMClient);
      const { versionId, document } = await defaultDocument(iam);
      expect(versionId).toBe('v2');
      expect(JSON.stringify(document)).toContain('task-definition/sample');
      const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: POLICY_ARN }));
      expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
        ['v2', true],
        ['v1', false],
      ]);
    },
  },
  afterDestroy: {
    'no role, no customer policy, and the AWS managed one attached nowhere': async ({ client }) => {
      const iam = client(IAMClient);
      expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
      expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
      const aws = await iam.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
      expect(aws.Policy!.AttachmentCount).toBe(0);
    },
  },
});
