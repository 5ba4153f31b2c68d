import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListPolicyVersionsCommand,
  paginateListPolicyVersions,
  SetDefaultPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, LOGS_POLICY, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
  iam = new IAMClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

const RUN_TASK = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }],
});

async function newPolicy(): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: uniqueName('versioned'), PolicyDocument: LOGS_POLICY }),
  );
  return out.Policy!.Arn!;
}

function addVersion(arn: string, document = RUN_TASK, setAsDefault?: boolean) {
  return iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: arn,
      PolicyDocument: document,
      ...(setAsDefault !== undefined ? { SetAsDefault: setAsDefault } : {}),
    }),
  );
}

async function advanceSeconds(seconds: number) {
  const response = await fetch(`${teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

async function versionIds(arn: string) {
  const out = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
  return out.Versions!.map((v) => `${v.VersionId}${v.IsDefaultVersion ? '*' : ''}`);
}

describe('CreatePolicyVersion', () => {
  it('adds v2 without making it the default unless asked', async () => {
    const arn = await newPolicy();
    const created = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    await advanceSeconds(60);

    const v2 = await addVersion(arn);
    expect(v2.PolicyVersion).toEqual({
      VersionId: 'v2',
      IsDefaultVersion: false,
      CreateDate: expect.any(Date),
    });
    expect(v2.PolicyVersion).not.toHaveProperty('Document');
    let policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(policy.DefaultVersionId).toBe('v1');
    // UpdateDate follows the newest version; CreateDate stays.
    expect(policy.CreateDate).toEqual(created.Policy!.CreateDate);
    expect(policy.UpdateDate).toEqual(v2.PolicyVersion!.CreateDate);
    expect(policy.UpdateDate!.getTime() - policy.CreateDate!.getTime()).toBe(60_000);

    const v3 = await addVersion(arn, RUN_TASK, true);
    expect(v3.PolicyVersion).toMatchObject({ VersionId: 'v3', IsDefaultVersion: true });
    policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(policy.DefaultVersionId).toBe('v3');
    expect(await versionIds(arn)).toEqual(['v3*', 'v2', 'v1']);
  });

  it('keeps at most five versions and never reuses a version id', async () => {
    const arn = await newPolicy();
    for (let i = 0; i < 4; i++) await addVersion(arn);
    const failure = await iamError(addVersion(arn));
    expect(failure).toEqual({
      name: 'LimitExceeded',
      message:
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      status: 409,
    });
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const next = await addVersion(arn);
    expect(next.PolicyVersion!.VersionId).toBe('v6');
    expect(await versionIds(arn)).toEqual(['v6', 'v4', 'v3', 'v2', 'v1*']);
  });

  it('validates the document as CreatePolicy does', async () => {
    const arn = await newPolicy();
    const malformed = await iamError(addVersion(arn, '{"Version":'));
    expect(malformed).toEqual({
      name: 'MalformedPolicyDocument',
      message: 'Syntax errors in policy.',
      status: 400,
    });
    const principal = await iamError(
      addVersion(
        arn,
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}',
      ),
    );
    expect(principal.message).toBe('Policy document should not specify a principal.');
    const tooBig = await iamError(
      addVersion(
        arn,
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${'x'.repeat(7000)}` },
          ],
        }),
      ),
    );
    expect(tooBig).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for PolicySize: 6144',
      status: 409,
    });
    expect(await versionIds(arn)).toEqual(['v1*']);
  });

  it('says NoSuchEntity for a policy that does not exist', async () => {
    const arn = 'arn:aws:iam::000000000000:policy/absent';
    const failure = await iamError(addVersion(arn));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });
});

describe('GetPolicyVersion', () => {
  it('returns the document URL-encoded, exactly as it was given', async () => {
    const document = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Logs", "Effect": "Allow", "Action": "logs:*", "Resource": "arn:aws:logs:*:*:log-group:/ecs/sample:*" }
  ]
}`;
    const out = await iam.send(
      new CreatePolicyCommand({ PolicyName: uniqueName('encoded'), PolicyDocument: document }),
    );
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: out.Policy!.Arn, VersionId: 'v1' }),
    );
    expect(version.PolicyVersion).toEqual({
      Document: encodeURIComponent(document),
      VersionId: 'v1',
      IsDefaultVersion: true,
      CreateDate: out.Policy!.CreateDate,
    });
    expect(version.PolicyVersion!.Document).toContain('%7B%0A%20%20%22Version%22%3A%20');
    expect(decodeURIComponent(version.PolicyVersion!.Document!)).toBe(document);
  });

  it('returns any kept version, default or not', async () => {
    const arn = await newPolicy();
    await addVersion(arn, RUN_TASK);
    const v2 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: false });
    expect(decodeURIComponent(v2.PolicyVersion!.Document!)).toBe(RUN_TASK);
  });

  it('says NoSuchEntity for a version that does not exist', async () => {
    const arn = await newPolicy();
    const failure = await iamError(
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v7' })),
    );
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} version v7 does not exist or is not attachable.`,
      status: 404,
    });
  });

  it('refuses a malformed version id (model validation)', async () => {
    const arn = await newPolicy();
    const failure = await iamError(
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'version1' })),
    );
    expect(failure.name).toBe('ValidationError');
    expect(failure.message).toContain("Value 'version1' at 'versionId' failed to satisfy");
  });
});

describe('ListPolicyVersions', () => {
  it('lists newest first without documents, and pages', async () => {
    const arn = await newPolicy();
    await addVersion(arn);
    await addVersion(arn, RUN_TASK, true);
    const out = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(out.IsTruncated).toBe(false);
    expect(out.Versions!.map((v) => v.VersionId)).toEqual(['v3', 'v2', 'v1']);
    expect(out.Versions!.every((v) => v.Document === undefined)).toBe(true);

    const first = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(first.Versions!.map((v) => v.VersionId)).toEqual(['v3', 'v2']);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListPolicyVersionsCommand({ PolicyArn: arn, Marker: first.Marker }),
    );
    expect(rest.Versions!.map((v) => v.VersionId)).toEqual(['v1']);

    const paged: string[] = [];
    for await (const page of paginateListPolicyVersions(
      { client: iam, pageSize: 1 },
      { PolicyArn: arn },
    )) {
      paged.push(...page.Versions!.map((v) => v.VersionId!));
    }
    expect(paged).toEqual(['v3', 'v2', 'v1']);
  });

  it('says NoSuchEntity for a policy that does not exist', async () => {
    const arn = 'arn:aws:iam::000000000000:policy/absent';
    const failure = await iamError(iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn })));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });
});

describe('DeletePolicyVersion and SetDefaultPolicyVersion', () => {
  it('refuses to delete the default version', async () => {
    const arn = await newPolicy();
    const failure = await iamError(
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })),
    );
    expect(failure).toEqual({
      name: 'DeleteConflict',
      message: 'Cannot delete the default version of a policy.',
      status: 409,
    });
  });

  it('moves the default, then deletes the old one', async () => {
    const arn = await newPolicy();
    await addVersion(arn, RUN_TASK);
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    expect(
      (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId,
    ).toBe('v2');
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(await versionIds(arn)).toEqual(['v2*']);
  });

  it.each([
    [
      'DeletePolicyVersion',
      (arn: string) =>
        iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
    ],
    [
      'SetDefaultPolicyVersion',
      (arn: string) =>
        iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
    ],
  ] as const)('%s says NoSuchEntity for a version that does not exist', async (_op, command) => {
    const arn = await newPolicy();
    const failure = await iamError(command(arn));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} version v9 does not exist or is not attachable.`,
      status: 404,
    });
  });

  it.each([
    [
      'DeletePolicyVersion',
      (arn: string) =>
        iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })),
    ],
    [
      'SetDefaultPolicyVersion',
      (arn: string) =>
        iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })),
    ],
  ] as const)('%s says NoSuchEntity for a policy that does not exist', async (_op, command) => {
    const arn = 'arn:aws:iam::000000000000:policy/absent';
    const failure = await iamError(command(arn));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });
});
