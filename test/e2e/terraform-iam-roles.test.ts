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
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

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

let teiki: TeikiProcess;
let dir: string;
let workspace: TerraformWorkspace;
let iam: IAMClient;
const clientConfig = (credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) => ({
  endpoint: teiki.url,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});

beforeAll(async () => {
  // Terraform runs synchronously, so teiki must be another process (as users run it).
  teiki = await spawnTeiki(['--in-memory']);
  iam = new IAMClient(clientConfig());
  dir = tempDir('teiki-tf-iam-');
  workspace = TerraformWorkspace.create(dir, teiki.url, { 'main.tf': STACK });
});
afterAll(async () => {
  teiki.child.kill('SIGTERM');
  await teiki.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('terraform: aws_iam_role, aws_iam_role_policy, aws_iam_user, aws_iam_access_key', () => {
  it('applies what the configuration says, shows no drift, and destroys to nothing', async () => {
    await workspace.applyAsync();
    const outputs = workspace.output();
    expect(outputs.role_arn?.value).toBe('arn:aws:iam::000000000000:role/ecs/tasks/scheduled-task');
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
    expect(keys.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([outputs.key_id?.value]);

    // The key Terraform got signs requests as the user.
    const who = await new STSClient(
      clientConfig({
        accessKeyId: outputs.key_id?.value as string,
        secretAccessKey: outputs.key_secret?.value as string,
      }),
    ).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::000000000000:user/ci/deployer');

    const plan = await workspace.planAsync();
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);

    await workspace.destroyAsync();
    expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  }, 300_000);
});
