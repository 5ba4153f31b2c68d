/** `--auth enforce`: SigV4 verified against known keys, AWS's errors per protocol. */
import type { ECSServiceException } from '@aws-sdk/client-ecs';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki([
    '--in-memory',
    '--auth',
    'enforce',
    '--root-access-key-id',
    'AKIAROOTROOTROOTROOT',
    '--root-secret-access-key',
    'root-secret',
    '--clock',
    'virtual',
  ]);
});
afterAll(() => teiki.close());

const root = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };

async function failure<E extends Error>(
  promise: Promise<unknown>,
): Promise<E & { $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as E & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

describe('query protocol (STS)', () => {
  it('accepts the root key', async () => {
    const out = await new STSClient(teiki.clientConfig(root)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(out.Arn).toBe('arn:aws:iam::000000000000:root');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const error = await failure<STSServiceException>(
      new STSClient(teiki.clientConfig({ ...root, secretAccessKey: 'wrong' })).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses an unknown key with InvalidClientTokenId', async () => {
    const error = await failure<STSServiceException>(
      new STSClient(teiki.clientConfig({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' })).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses an unsigned request with MissingAuthenticationToken', async () => {
    const res = await raw(teiki.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('refuses a malformed Authorization header with IncompleteSignature', async () => {
    const res = await raw(teiki.url, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAROOTROOTROOTROOT/20260101/us-east-1/sts/aws4_request',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Code>IncompleteSignature</Code>');
  });

  it('accepts session credentials until they expire, then says ExpiredToken', async () => {
    const out = await new STSClient(teiki.clientConfig(root)).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    const c = out.Credentials!;
    const session = new STSClient(
      teiki.clientConfig({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }),
    );
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::000000000000:root',
    );

    const withoutToken = new STSClient(
      teiki.clientConfig({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! }),
    );
    expect(
      (await failure<STSServiceException>(withoutToken.send(new GetCallerIdentityCommand({}))))
        .name,
    ).toBe('InvalidClientTokenId');

    // Admin routes need credentials under enforce too: the root key as HTTP Basic.
    await raw(teiki.url, {
      path: '/_teiki/clock',
      headers: {
        authorization: `Basic ${Buffer.from(`${root.accessKeyId}:${root.secretAccessKey}`).toString('base64')}`,
      },
      body: JSON.stringify({ advanceSeconds: 901 }),
    });
    const error = await failure<STSServiceException>(
      session.send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('ExpiredToken');
    expect(error.message).toBe('The security token included in the request is expired');
  });

  it('refuses to assume a role IAM does not know', async () => {
    const out = await new STSClient(teiki.clientConfig(root))
      .send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::000000000000:role/unknown-to-iam',
          RoleSessionName: 'late',
        }),
      )
      .catch((e: unknown) => e as Error);
    // Enforce mode: a role IAM does not know cannot be assumed.
    expect(out).toBeInstanceOf(STSServiceException);
    expect((out as STSServiceException).name).toBe('AccessDenied');
    expect((out as STSServiceException).message).toBe(
      'User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/unknown-to-iam',
    );
  });
});

describe('JSON protocol (ECS)', () => {
  it('refuses an unknown key with UnrecognizedClientException', async () => {
    const error = await failure<ECSServiceException>(
      new ECSClient(teiki.clientConfig({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' })).send(
        new ListClustersCommand({}),
      ),
    );
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const error = await failure<ECSServiceException>(
      new ECSClient(teiki.clientConfig({ ...root, secretAccessKey: 'wrong' })).send(
        new ListClustersCommand({}),
      ),
    );
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
