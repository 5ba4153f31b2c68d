/**
 * IAM roles, inline role policies, users and access keys with Terraform against teiki:
 * apply, a second plan with no drift, destroy, and nothing left.
 */
import {
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

const STACK = `
resource "aws_iam_role" "task" {
  name                 = "scheduled-task"
  path                 = "/ecs/tasks/"
  description          = "Role of the nightly scheduled task"
  max_session_duration = 7200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = {
    Team = "platform"
    Env  = "dev"
  }
}

resource "aws_iam_role_policy" "logs" {
  name = "write-logs"
  role = aws_iam_role.task.id
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "arn:aws:logs:us-east-1:000000000000:log-group:/ecs/scheduled:*"
    }
  ]
}
EOT
}

resource "aws_iam_user" "deployer" {
  name = "deployer"
  path = "/ci/"
  tags = { Purpose = "deploys" }
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.deployer.name
}

output "role_arn" { value = aws_iam_role.task.arn }
output "role_id" { value = aws_iam_role.task.unique_id }
output "user_arn" { value = aws_iam_user.deployer.arn }
output "key_id" { value = aws_iam_access_key.deployer.id }
output "key_secret" {
  value     = aws_iam_access_key.deployer.secret
  sensitive = true
}
`;

export const iamRolesStack = (): TerraformStack => ({
  name: 'iam-roles',
  title: 'aws_iam_role, aws_iam_role_policy, aws_iam_user, aws_iam_access_key',
  files: { 'main.tf': STACK },
  afterApply: {
    'the role, the user and its key are as written, and the key signs as the user': async ({
      outputs,
      client,
    }) => {
      const iam = client(IAMClient);
      expect(outputs.role_arn?.value).toBe(
        'arn:aws:iam::000000000000:role/ecs/tasks/scheduled-task',
      );
      expect(outputs.user_arn?.value).toBe('arn:aws:iam::000000000000:user/ci/deployer');

      const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'scheduled-task' }));
      expect(Role).toMatchObject({
        RoleId: outputs.role_id?.value,
        Description: 'Role of the nightly scheduled task',
        MaxSessionDuration: 7200,
        Tags: expect.arrayContaining([
          { Key: 'Team', Value: 'platform' },
          { Key: 'Env', Value: 'dev' },
        ]),
      });
      const { User } = await iam.send(new GetUserCommand({ UserName: 'deployer' }));
      expect(User!.Tags).toEqual([{ Key: 'Purpose', Value: 'deploys' }]);
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'deployer' }));
      expect(keys.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([
        outputs.key_id?.value,
      ]);

      // The key Terraform got signs requests as the user.
      const who = await client(STSClient, {
        accessKeyId: outputs.key_id?.value as string,
        secretAccessKey: outputs.key_secret?.value as string,
      }).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:iam::000000000000:user/ci/deployer');
    },
  },
  afterDestroy: {
    'no role and no user left': async ({ client }) => {
      const iam = client(IAMClient);
      expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
      expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
    },
  },
});
