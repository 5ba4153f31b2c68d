/**
 * The console under `--auth enforce` acts as the signed-in key's principal: its policies
 * decide what the console reads and changes (the service's denial, with its status), a
 * principal sees its own account only, a live tail is StartLiveTail on the group, and
 * "can this role run this task?" needs iam:SimulatePrincipalPolicy on the role.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTeiki } from '../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from '../services/authorization/helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  await new CloudWatchLogsClient(teiki.clientConfig(ROOT)).send(
    new CreateLogGroupCommand({ logGroupName: '/app' }),
  );
  await new EventBridgeClient(teiki.clientConfig(ROOT)).send(
    new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'cron(20 2 * * ? *)' }),
  );
});
afterAll(() => teiki.close());

function api(keys: Keys, path: string, init: RequestInit = {}) {
  const basic = Buffer.from(`${keys.accessKeyId}:${keys.secretAccessKey}`).toString('base64');
  return fetch(`${teiki.url}/_teiki/api/${path}`, {
    ...init,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
  });
}

describe('the console as the signed-in principal', () => {
  it('reads what its policies allow, and answers the service denial otherwise', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' }],
    });
    const groups = await api(user, 'logs/groups');
    expect(groups.status).toBe(200);
    expect(JSON.stringify(await groups.json())).toContain('/app');
    const tasks = await api(user, 'tasks');
    expect(tasks.status).toBe(400);
    expect(await tasks.json()).toEqual({
      error: 'AccessDeniedException',
      message: notAllowed(user.arn, 'ecs:ListClusters', '*'),
    });
  });

  it('changes a rule only with the permission to', async () => {
    const body = JSON.stringify({ kind: 'rule', name: 'nightly', enabled: false });
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'events:EnableRule', Resource: '*' }],
    });
    const refused = await api(user, 'schedules/state', { method: 'POST', body });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'AccessDeniedException',
      message: notAllowed(
        user.arn,
        'events:DisableRule',
        `arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly`,
      ),
    });
    const allowed = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'events:DisableRule', Resource: '*' }],
    });
    const done = await api(allowed, 'schedules/state', { method: 'POST', body });
    expect(done.status).toBe(200);
  });

  it('sees its own account only', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const other = await api(user, 'logs/groups?account=111111111111');
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({
      error: 'AccessDenied',
      message: `${user.arn} cannot look at account 111111111111.`,
    });
  });

  it('tails a group only with logs:StartLiveTail', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'logs:Describe*', Resource: '*' }],
    });
    const tail = await api(user, 'logs/tail?group=/app');
    expect(tail.status).toBe(400);
    expect(await tail.json()).toEqual({
      error: 'AccessDeniedException',
      message: notAllowed(
        user.arn,
        'logs:StartLiveTail',
        `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app:log-stream:`,
      ),
    });
  });

  it('asks "can this role run this task?" only with iam:SimulatePrincipalPolicy on the role', async () => {
    const role = await new IAMClient(teiki.clientConfig(ROOT)).send(
      new CreateRoleCommand({
        RoleName: 'events-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const roleArn = role.Role?.Arn ?? '';
    const body = JSON.stringify({ roleArn, taskDefinition: 'missing' });
    const user = await makeUser(teiki);
    const refused = await api(user, 'iam/can-run', { method: 'POST', body });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'AccessDenied',
      message: notAllowed(user.arn, 'iam:SimulatePrincipalPolicy', roleArn),
    });
    const simulator = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: roleArn }],
    });
    const answered = await api(simulator, 'iam/can-run', { method: 'POST', body });
    expect(answered.status).toBe(404);
  });
});
