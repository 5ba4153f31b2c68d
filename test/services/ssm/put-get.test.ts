import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { NO_MESSAGE, expectSsmError, ssmClient, uniqueName } from './helpers.js';
import { raw } from '../../helpers/teiki.js';

let teiki: TestTeiki;
let ssm: SSMClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  ssm = ssmClient(teiki);
});
afterAll(() => teiki.close());

const ACCOUNT = '000000000000';

describe('PutParameter and GetParameter', () => {
  it('stores a String and reads it back with its ARN, version and data type', async () => {
    const name = `/${uniqueName('app')}/db/url`;
    const put = await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'postgres://db', Type: 'String' }),
    );
    expect(put).toMatchObject({ Version: 1, Tier: 'Standard' });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
    expect(Parameter).toMatchObject({
      Name: name,
      Type: 'String',
      Value: 'postgres://db',
      Version: 1,
      DataType: 'text',
      ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${name}`,
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter?.Selector).toBeUndefined();
  });

  it('treats foo and /foo as one parameter with one ARN, answering the name as asked', async () => {
    const name = uniqueName('top');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' }));
    const bySlash = await ssm.send(new GetParameterCommand({ Name: `/${name}` }));
    expect(bySlash.Parameter).toMatchObject({
      Name: `/${name}`,
      Value: 'v',
      ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/${name}`,
    });
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: `/${name}`, Value: 'w', Type: 'String' })),
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  });

  it('reads by full ARN', async () => {
    const name = `/${uniqueName('arn')}/key`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'String' }));
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${name}`;
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: arn }));
    expect(Parameter).toMatchObject({ Name: name, Value: 'x', ARN: arn });
    await expectSsmError(
      ssm.send(
        new GetParameterCommand({ Name: `arn:aws:ssm:us-east-1:123456789012:parameter${name}` }),
      ),
      'ParameterNotFound',
      NO_MESSAGE,
    );
  });

  it('keeps a SecureString encrypted unless WithDecryption, with the default key', async () => {
    const name = uniqueName('secure');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 's3cr3t', Type: 'SecureString' }));
    const hidden = await ssm.send(new GetParameterCommand({ Name: name }));
    expect(hidden.Parameter?.Type).toBe('SecureString');
    expect(hidden.Parameter?.Value).not.toContain('s3cr3t');
    expect(Buffer.from(hidden.Parameter?.Value ?? '', 'base64').toString('base64')).toBe(
      hidden.Parameter?.Value,
    );
    const again = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: false }));
    expect(again.Parameter?.Value).toBe(hidden.Parameter?.Value);
    const shown = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    expect(shown.Parameter?.Value).toBe('s3cr3t');
  });

  it('overwrites only with Overwrite, counting versions', async () => {
    const name = uniqueName('ver');
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: name, Value: 'b', Type: 'String' })),
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const second = await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'b', Overwrite: true }),
    );
    expect(second.Version).toBe(2);
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
    expect(Parameter).toMatchObject({ Value: 'b', Version: 2, Type: 'String' });
    const first = await ssm.send(new GetParameterCommand({ Name: `${name}:1` }));
    expect(first.Parameter).toMatchObject({ Value: 'a', Version: 1, Selector: ':1', Name: name });
    await expectSsmError(
      ssm.send(new GetParameterCommand({ Name: `${name}:7` })),
      'ParameterVersionNotFound',
      `Systems Manager could not find version 7 of ${name}. Verify the version and try again.`,
    );
  });

  it('answers ParameterNotFound without a message, as AWS does', async () => {
    const answer = await raw(teiki.url, {
      headers: {
        'x-amz-target': 'AmazonSSM.GetParameter',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ Name: uniqueName('missing') }),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ __type: 'ParameterNotFound' });
    await expectSsmError(
      ssm.send(new GetParameterCommand({ Name: uniqueName('missing') })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
  });

  it.each([
    ['a/b/c', 'ValidationException'],
    ['/a//b', 'ValidationException'],
    ['has space', 'ValidationException'],
  ])('refuses the malformed name %s on reads and writes', async (name, code) => {
    const message = /sub-paths divided by slash symbol/;
    await expectSsmError(ssm.send(new GetParameterCommand({ Name: name })), code, message);
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' })),
      code,
      message,
    );
  });

  it.each(['awsThing', 'SSM-thing', '/ssm/thing'])(
    'refuses the reserved prefix of %s',
    async (name) => {
      await expectSsmError(
        ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' })),
        'ValidationException',
        /can't be prefixed with "(aws" or "ssm|ssm)" \(case-insensitive\)/,
      );
    },
  );

  it('refuses writes under /aws/', async () => {
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: '/aws/mine', Value: 'v', Type: 'String' })),
      'AccessDeniedException',
      'No access to reserved parameter name: /aws/mine.',
    );
  });

  it('allows 15 levels of hierarchy and refuses 16', async () => {
    const root = uniqueName('deep');
    const fifteen = `/${root}` + '/l'.repeat(14);
    await ssm.send(new PutParameterCommand({ Name: fifteen, Value: 'v', Type: 'String' }));
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: `${fifteen}/x`, Value: 'v', Type: 'String' })),
      'HierarchyLevelLimitExceededException',
      /maximum of 15 levels/,
    );
  });

  it('needs a Type to create, and keeps it on overwrite', async () => {
    const name = uniqueName('typeless');
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: name, Value: 'v' })),
      'ValidationException',
      'A parameter type is required when you create a parameter.',
    );
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'a,b', Type: 'StringList' }));
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({ Name: name, Value: 'c', Type: 'SecureString', Overwrite: true }),
      ),
      'HierarchyTypeMismatchException',
      /can't change a parameter from a String type to a SecureString type/,
    );
  });

  it('refuses Tags together with Overwrite', async () => {
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('tagged'),
          Value: 'v',
          Type: 'String',
          Overwrite: true,
          Tags: [{ Key: 'team', Value: 'a' }],
        }),
      ),
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  });

  it('checks the value against AllowedPattern on the linear-time engine', async () => {
    const name = uniqueName('pattern');
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: '42',
        Type: 'String',
        AllowedPattern: '^\\d+$',
      }),
    );
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: name, Value: 'x42', Overwrite: true })),
      'ParameterPatternMismatchException',
      'Parameter value, cannot be validated against allowedPattern: ^\\d+$',
    );
    // A pattern that backtracks catastrophically in JavaScript answers at once on RE2.
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('redos'),
          Value: `${'a'.repeat(40)}!`,
          Type: 'String',
          AllowedPattern: '^(a+)+$',
        }),
      ),
      'ParameterPatternMismatchException',
      /cannot be validated against allowedPattern/,
    );
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('bad'),
          Value: 'v',
          Type: 'String',
          AllowedPattern: '(',
        }),
      ),
      'InvalidAllowedPatternException',
      /regular expression/,
    );
  });

  it('holds Standard values to 4096 characters and Advanced to 8192', async () => {
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('big'),
          Value: 'x'.repeat(4097),
          Type: 'String',
        }),
      ),
      'ValidationException',
      /^Standard tier parameters support a maximum parameter value of 4096 characters\./,
    );
    const advanced = await ssm.send(
      new PutParameterCommand({
        Name: uniqueName('big'),
        Value: 'x'.repeat(8000),
        Type: 'String',
        Tier: 'Advanced',
      }),
    );
    expect(advanced.Tier).toBe('Advanced');
    const smart = await ssm.send(
      new PutParameterCommand({
        Name: uniqueName('smart'),
        Value: 'x'.repeat(5000),
        Type: 'String',
        Tier: 'Intelligent-Tiering',
      }),
    );
    expect(smart.Tier).toBe('Advanced');
    const small = await ssm.send(
      new PutParameterCommand({
        Name: uniqueName('smart'),
        Value: 'x',
        Type: 'String',
        Tier: 'Intelligent-Tiering',
      }),
    );
    expect(small.Tier).toBe('Standard');
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('huge'),
          Value: 'x'.repeat(8193),
          Type: 'String',
          Tier: 'Advanced',
        }),
      ),
      'ValidationException',
      /8192/,
    );
  });

  it('never moves an Advanced parameter back to Standard', async () => {
    const name = uniqueName('adv');
    await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' }),
    );
    const kept = await ssm.send(
      new PutParameterCommand({ Name: name, Value: 'w', Overwrite: true }),
    );
    expect(kept.Tier).toBe('Advanced');
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({ Name: name, Value: 'w', Overwrite: true, Tier: 'Standard' }),
      ),
      'ValidationException',
      /can't downgrade a parameter from the advanced-parameter tier/,
    );
  });

  it('checks the data type', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: uniqueName('ami'),
        Value: 'ami-0123456789abcdef0',
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('ami'),
          Value: 'not-an-image',
          Type: 'String',
          DataType: 'aws:ec2:image',
        }),
      ),
      'ValidationException',
      'Parameter value, cannot be validated against dataType: aws:ec2:image',
    );
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('dt'),
          Value: 'v',
          Type: 'String',
          DataType: 'Text',
        }),
      ),
      'ValidationException',
      'The following data type is not supported: Text (Data type names are all lowercase.)',
    );
  });

  it('refuses an empty value', async () => {
    await expectSsmError(
      ssm.send(new PutParameterCommand({ Name: uniqueName('empty'), Value: '', Type: 'String' })),
      'ValidationException',
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('validates the model constraints with SSM ValidationException', async () => {
    await expectSsmError(
      ssm.send(
        new PutParameterCommand({
          Name: uniqueName('k'),
          Value: 'v',
          Type: 'SecureString',
          KeyId: 'not a key',
        }),
      ),
      'ValidationException',
      "1 validation error detected: Value 'not a key' at 'keyId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$",
    );
  });
});
