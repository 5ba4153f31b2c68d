/**
 * awsQuery against the real AWS SDK v3 clients for STS and IAM: the SDK's form bodies
 * decode to the inputs, and the SDK parses the codec's XML to the outputs and errors.
 */
import { describe, expect, it } from 'vitest';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  CreateRoleCommand,
  GetAccountSummaryCommand,
  GetRoleCommand,
  IAMClient,
  ListPoliciesCommand,
  ListRolesCommand,
  DeleteRoleCommand,
} from '@aws-sdk/client-iam';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { bodyText, clientOptions, fakeAws, realSchema } from './helpers.js';

const codec = codecFor('query');

describe('awsQuery with @aws-sdk/client-sts', () => {
  const schema = realSchema('sts');

  it('GetCallerIdentity', async () => {
    const fake = fakeAws(codec, schema, () => ({
      UserId: 'AIDAEXAMPLE',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:user/me',
    }));
    const out = await new STSClient(clientOptions(fake)).send(new GetCallerIdentityCommand({}));
    expect(fake.calls[0]).toMatchObject({ operation: 'GetCallerIdentity', input: {} });
    expect(out).toMatchObject({
      UserId: 'AIDAEXAMPLE',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:user/me',
    });
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-0001' });
    expect(bodyText(fake.responses[0]!)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
        '<GetCallerIdentityResult><Account>000000000000</Account><Arn>arn:aws:iam::000000000000:user/me</Arn><UserId>AIDAEXAMPLE</UserId></GetCallerIdentityResult>' +
        '<ResponseMetadata><RequestId>req-0001</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    );
  });

  it('AssumeRole: nested lists in, credentials with a timestamp out', async () => {
    const expiration = new Date('2026-11-28T11:05:09Z');
    const fake = fakeAws(codec, schema, () => ({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 's/e+c=r',
        SessionToken: 'tok',
        Expiration: expiration,
      },
      AssumedRoleUser: {
        AssumedRoleId: 'AROA:s',
        Arn: 'arn:aws:sts::000000000000:assumed-role/r/s',
      },
      PackedPolicySize: 6,
    }));
    const out = await new STSClient(clientOptions(fake)).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: 's',
        DurationSeconds: 900,
        PolicyArns: [
          { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          { arn: 'arn:aws:iam::000000000000:policy/p' },
        ],
        Tags: [{ Key: 'team', Value: 'a b&c=d' }],
        TransitiveTagKeys: ['team'],
        Policy: '{"Version":"2012-10-17"}',
      }),
    );
    expect(fake.calls[0]?.input).toEqual({
      RoleArn: 'arn:aws:iam::000000000000:role/r',
      RoleSessionName: 's',
      DurationSeconds: 900,
      PolicyArns: [
        { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { arn: 'arn:aws:iam::000000000000:policy/p' },
      ],
      Tags: [{ Key: 'team', Value: 'a b&c=d' }],
      TransitiveTagKeys: ['team'],
      Policy: '{"Version":"2012-10-17"}',
    });
    expect(out.Credentials).toEqual({
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 's/e+c=r',
      SessionToken: 'tok',
      Expiration: expiration,
    });
    expect(out.AssumedRoleUser).toEqual({
      AssumedRoleId: 'AROA:s',
      Arn: 'arn:aws:sts::000000000000:assumed-role/r/s',
    });
    expect(out.PackedPolicySize).toBe(6);
  });

  it('the SDK reads an error by its code', async () => {
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({
        code: 'AccessDenied',
        message: 'User: x is not authorized to perform: sts:AssumeRole',
        status: 403,
      });
    });
    const error = await new STSClient(clientOptions(fake))
      .send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::000000000000:role/r',
          RoleSessionName: 's',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AccessDenied',
      message: 'User: x is not authorized to perform: sts:AssumeRole',
      $fault: 'client',
      Type: 'Sender',
      Code: 'AccessDenied',
    });
    expect(
      (error as { $metadata: { httpStatusCode: number; requestId: string } }).$metadata,
    ).toMatchObject({ httpStatusCode: 403, requestId: 'req-0001' });
  });

  it('the SDK reads an unknown action as InvalidAction', async () => {
    const { GetCallerIdentity: _dropped, ...operations } = schema.operations;
    const fake = fakeAws(codec, { ...schema, operations }, () => ({}));
    const error = await new STSClient(clientOptions(fake))
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidAction',
      message: 'Could not find operation GetCallerIdentity for version 2011-06-15',
    });
  });
});

describe('awsQuery with @aws-sdk/client-iam', () => {
  const schema = realSchema('iam');
  const created = new Date('2026-11-28T10:05:09Z');
  const trust =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
  const role = (name: string) => ({
    Path: '/',
    RoleName: name,
    RoleId: `AROA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::000000000000:role/${name}`,
    CreateDate: created,
    AssumeRolePolicyDocument: encodeURIComponent(trust),
    MaxSessionDuration: 3600,
    Tags: [{ Key: 'k', Value: 'v' }],
  });

  it('CreateRole with Tags in, the Role out', async () => {
    const fake = fakeAws(codec, schema, () => ({
      Role: { ...role('ecs-events'), Description: 'a <b> & "c" \'d\' 定期\r\nend' },
    }));
    const out = await new IAMClient(clientOptions(fake)).send(
      new CreateRoleCommand({
        RoleName: 'ecs-events',
        AssumeRolePolicyDocument: trust,
        Description: 'a <b> & "c" \'d\' 定期\r\nend',
        MaxSessionDuration: 3600,
        Tags: [
          { Key: 'k', Value: 'v' },
          { Key: 'empty', Value: '' },
        ],
      }),
    );
    expect(fake.calls[0]?.input).toEqual({
      RoleName: 'ecs-events',
      AssumeRolePolicyDocument: trust,
      Description: 'a <b> & "c" \'d\' 定期\r\nend',
      MaxSessionDuration: 3600,
      Tags: [
        { Key: 'k', Value: 'v' },
        { Key: 'empty', Value: '' },
      ],
    });
    expect(out.Role).toEqual({
      ...role('ecs-events'),
      Description: 'a <b> & "c" \'d\' 定期\r\nend',
    });
  });

  it('an empty list is sent as the bare key and decodes to []', async () => {
    const fake = fakeAws(codec, schema, () => ({ Role: role('r') }));
    await new IAMClient(clientOptions(fake)).send(
      new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: '{}', Tags: [] }),
    );
    expect(fake.calls[0]?.input).toEqual({
      RoleName: 'r',
      AssumeRolePolicyDocument: '{}',
      Tags: [],
    });
  });

  it('ListRoles: a list of structures, a boolean and a marker; numbers and booleans in', async () => {
    const fake = fakeAws(codec, schema, () => ({
      Roles: [role('a'), role('b')],
      IsTruncated: true,
      Marker: 'm2',
    }));
    const out = await new IAMClient(clientOptions(fake)).send(
      new ListRolesCommand({ PathPrefix: '/', MaxItems: 2, Marker: 'm1' }),
    );
    expect(fake.calls[0]?.input).toEqual({ PathPrefix: '/', MaxItems: 2, Marker: 'm1' });
    expect(out.Roles).toEqual([role('a'), role('b')]);
    expect(out.IsTruncated).toBe(true);
    expect(out.Marker).toBe('m2');
  });

  it('ListRoles: an empty list and an absent marker', async () => {
    const fake = fakeAws(codec, schema, () => ({ Roles: [], IsTruncated: false }));
    const out = await new IAMClient(clientOptions(fake)).send(new ListRolesCommand({}));
    expect(out.Roles).toEqual([]);
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
  });

  it('ListPolicies: a boolean and an enum in', async () => {
    const fake = fakeAws(codec, schema, () => ({ Policies: [], IsTruncated: false }));
    await new IAMClient(clientOptions(fake)).send(
      new ListPoliciesCommand({ OnlyAttached: true, Scope: 'Local', MaxItems: 100 }),
    );
    expect(fake.calls[0]?.input).toEqual({ OnlyAttached: true, Scope: 'Local', MaxItems: 100 });
  });

  it('GetAccountSummary: a map out', async () => {
    const fake = fakeAws(codec, schema, () => ({
      SummaryMap: { Roles: 3, Policies: 0, UsersQuota: 5000 },
    }));
    const out = await new IAMClient(clientOptions(fake)).send(new GetAccountSummaryCommand({}));
    expect(out.SummaryMap).toEqual({ Roles: 3, Policies: 0, UsersQuota: 5000 });
  });

  it('DeleteRole: an operation without output', async () => {
    const fake = fakeAws(codec, schema, () => undefined);
    const out = await new IAMClient(clientOptions(fake)).send(
      new DeleteRoleCommand({ RoleName: 'r' }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(bodyText(fake.responses[0]!)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>req-0001</RequestId></ResponseMetadata></DeleteRoleResponse>',
    );
  });

  it.each([
    [
      'NoSuchEntity',
      'NoSuchEntityException',
      404,
      'client',
      'The role with name x cannot be found.',
    ],
    [
      'EntityAlreadyExists',
      'EntityAlreadyExistsException',
      409,
      'client',
      'Role with name x already exists.',
    ],
    ['ServiceFailure', 'ServiceFailureException', 500, 'server', 'oops'],
  ])('the SDK reads %s as %s', async (code, name, status, fault, message) => {
    // The service throws the wire code with the default status; the model's status wins.
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({ code, message });
    });
    const error = await new IAMClient(clientOptions(fake))
      .send(new GetRoleCommand({ RoleName: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, message, $fault: fault });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
      status,
    );
  });
});
