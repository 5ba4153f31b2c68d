/**
 * IAM under `--auth enforce`: the attack (a user whose only policy is Deny * on *
 * creating users and attaching AdministratorAccess to itself; a user with no policy
 * creating keys for another) is refused with AccessDenied (403, the query protocol's
 * <ErrorResponse>), and what policies allow goes through.
 */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, type TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  document,
  expectDenied,
  explicitlyDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
});
afterAll(() => teiki.close());

const iam = (keys: Keys) => new IAMClient(teiki.clientConfig(keys));
const userArn = (name: string, path = '') => `arn:aws:iam::${ACCOUNT}:user/${path}${name}`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('the attack of issue 14', () => {
  it('a user whose only policy is Deny * on * cannot create users or attach AdministratorAccess to itself', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
    });
    await expectDenied(
      iam(user).send(new CreateUserCommand({ UserName: 'intruder' })),
      'AccessDenied',
      403,
      explicitlyDenied(user.arn, 'iam:CreateUser', userArn('intruder')),
    );
    await expectDenied(
      iam(user).send(new AttachUserPolicyCommand({ UserName: user.userName, PolicyArn: ADMIN })),
      'AccessDenied',
      403,
      explicitlyDenied(user.arn, 'iam:AttachUserPolicy', user.arn),
    );
    const attached = await iam(ROOT).send(
      new ListAttachedUserPoliciesCommand({ UserName: user.userName }),
    );
    expect(attached.AttachedPolicies).toEqual([]);
  });

  it('a user with no policy cannot create an access key for another user', async () => {
    const victim = await makeUser(teiki, { prefix: 'victim' });
    const user = await makeUser(teiki);
    await expectDenied(
      iam(user).send(new CreateAccessKeyCommand({ UserName: victim.userName })),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:CreateAccessKey', victim.arn),
    );
  });

  it('renders the denial as the query protocol does', async () => {
    const user = await makeUser(teiki);
    const signer = new SignatureV4({
      service: 'iam',
      region: 'us-east-1',
      credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
      sha256: Sha256,
    });
    const url = new URL(teiki.url);
    const body = 'Action=ListUsers&Version=2010-05-08';
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const res = await raw(teiki.url, { headers: signed.headers, body });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Type>Sender</Type>');
    expect(res.text).toContain('<Code>AccessDenied</Code>');
    expect(res.text).toContain(`<Message>${notAllowed(user.arn, 'iam:ListUsers', '*')}</Message>`);
  });
});

describe('what policies allow', () => {
  it('lets a user manage itself through ${aws:username}, and no one else', async () => {
    const other = await makeUser(teiki, { prefix: 'other' });
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:TagUser'],
          Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
        },
      ],
    });
    const me = await iam(user).send(new GetUserCommand({}));
    expect(me.User?.Arn).toBe(user.arn);
    await iam(user).send(new CreateAccessKeyCommand({}));
    await expectDenied(
      iam(user).send(new GetUserCommand({ UserName: other.userName })),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:GetUser', other.arn),
    );
  });

  it('authorizes a user with a path by its ARN with the path', async () => {
    const user = await makeUser(teiki, {
      path: '/team/',
      statements: [
        { Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT}:user/team/*` },
      ],
    });
    expect(user.arn).toBe(userArn(user.userName, 'team/'));
    const me = await iam(user).send(new GetUserCommand({ UserName: user.userName }));
    expect(me.User?.Path).toBe('/team/');
  });

  it('tests aws:RequestTag and aws:TagKeys on tagging', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'iam:TagUser',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:RequestTag/team': 'blue' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
          },
        },
      ],
    });
    await iam(user).send(
      new TagUserCommand({ UserName: user.userName, Tags: [{ Key: 'team', Value: 'blue' }] }),
    );
    await expectDenied(
      iam(user).send(
        new TagUserCommand({
          UserName: user.userName,
          Tags: [
            { Key: 'team', Value: 'blue' },
            { Key: 'cost', Value: '1' },
          ],
        }),
      ),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:TagUser', user.arn),
    );
  });

  it('tests iam:PolicyARN on attachments', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'iam:AttachUserPolicy',
          Resource: '*',
          Condition: {
            ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' },
          },
        },
      ],
    });
    await iam(user).send(
      new AttachUserPolicyCommand({
        UserName: user.userName,
        PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    await expectDenied(
      iam(user).send(new AttachUserPolicyCommand({ UserName: user.userName, PolicyArn: ADMIN })),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:AttachUserPolicy', user.arn),
    );
  });

  it('keeps a user within its permissions boundary (implicit and explicit)', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
      boundary: [
        { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:PutUserPolicy'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' },
      ],
    });
    await iam(user).send(new ListUsersCommand({}));
    await expectDenied(
      iam(user).send(new CreateUserCommand({ UserName: 'not-in-boundary' })),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:CreateUser', userArn('not-in-boundary'), 'permissions boundary'),
    );
    const { ListRolesCommand } = await import('@aws-sdk/client-iam');
    await expectDenied(
      iam(user).send(new ListRolesCommand({})),
      'AccessDenied',
      403,
      explicitlyDenied(user.arn, 'iam:ListRoles', '*', 'a permissions boundary'),
    );
    // Changing its own inline policy does not take it past the boundary.
    await iam(user).send(
      new PutUserPolicyCommand({
        UserName: user.userName,
        PolicyName: 'inline',
        PolicyDocument: document([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      }),
    );
    await expectDenied(
      iam(user).send(
        new DeleteUserPolicyCommand({ UserName: user.userName, PolicyName: 'inline' }),
      ),
      'AccessDenied',
      403,
      notAllowed(user.arn, 'iam:DeleteUserPolicy', user.arn, 'permissions boundary'),
    );
  });
});
