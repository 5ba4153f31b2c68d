/**
 * The role an EventBridge rule or a Scheduler schedule needs to start an ECS task:
 * trusted by `service`, with a customer managed policy allowing iam:PassRole and
 * ecs:RunTask on `runTaskResource` (e.g. `…:task-definition/FAMILY:*`, or the
 * revision-less ARN the article wrote, which RunTask no longer accepts).
 */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

export async function createRunTaskRole(
  iam: IAMClient,
  name: string,
  service: string,
  runTaskResource: string,
): Promise<string> {
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: `${name}-policy`,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          { Effect: 'Allow', Action: 'ecs:RunTask', Resource: runTaskResource },
        ],
      }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policy.Policy?.Arn }));
  return role.Role?.Arn ?? '';
}
