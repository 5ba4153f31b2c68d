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
  PutRolePolicyCommand,
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

/** A role ECS tasks may assume (a task or execution role), with inline policies. */
export async function createTaskRole(
  iam: IAMClient,
  name: string,
  policies: Record<string, Array<Record<string, unknown>>> = {},
): Promise<string> {
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  for (const [policyName, statements] of Object.entries(policies)) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: policyName,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      }),
    );
  }
  return role.Role?.Arn ?? '';
}

/** A role trusted by `services`, with an inline policy of `statements`. */
export async function createServiceRole(
  iam: IAMClient,
  name: string,
  services: string[],
  statements: Array<Record<string, unknown>>,
): Promise<string> {
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: services }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: `${name}-inline`,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
  return role.Role?.Arn ?? '';
}
