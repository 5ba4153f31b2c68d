import {
  GetRandomPasswordCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectSecretsError, secretsClient } from './helpers.js';

let teiki: TestTeiki;
let sm: SecretsManagerClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  sm = secretsClient(teiki);
});
afterAll(() => teiki.close());

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

async function password(input: ConstructorParameters<typeof GetRandomPasswordCommand>[0] = {}) {
  return (await sm.send(new GetRandomPasswordCommand(input))).RandomPassword ?? '';
}

describe('GetRandomPassword', () => {
  it('answers 32 characters of every type by default, differently each time', async () => {
    const a = await password();
    const b = await password();
    expect(a).toHaveLength(32);
    expect(a).not.toBe(b);
    for (const type of [/[a-z]/, /[A-Z]/, /[0-9]/, PUNCTUATION]) expect(a).toMatch(type);
    expect(a).not.toMatch(/ /);
  });

  it.each([
    [{ ExcludeNumbers: true }, /^[^0-9]+$/],
    [{ ExcludeLowercase: true }, /^[^a-z]+$/],
    [{ ExcludeUppercase: true }, /^[^A-Z]+$/],
    [{ ExcludePunctuation: true }, /^[A-Za-z0-9]+$/],
    [{ ExcludeCharacters: 'abcdefghijklmnopqrstuvwxyz' }, /^[^a-z]+$/],
    [
      {
        ExcludeNumbers: true,
        ExcludeLowercase: true,
        ExcludeUppercase: true,
        ExcludePunctuation: true,
        IncludeSpace: true,
      },
      /^ +$/,
    ],
  ])('honours %j', async (options, pattern) => {
    for (let i = 0; i < 5; i++)
      expect(await password({ ...options, PasswordLength: 40 })).toMatch(pattern);
  });

  it('puts a space in when asked, with every type required', async () => {
    expect(await password({ PasswordLength: 5, IncludeSpace: true })).toMatch(/ /);
  });

  it('answers the length asked, within the model bounds', async () => {
    expect(await password({ PasswordLength: 4096 })).toHaveLength(4096);
    expect(await password({ PasswordLength: 1, RequireEachIncludedType: false })).toHaveLength(1);
    await expectSecretsError(
      sm.send(new GetRandomPasswordCommand({ PasswordLength: 4097 })),
      'ValidationException',
      "1 validation error detected: Value '4097' at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096",
    );
    await expectSecretsError(
      sm.send(new GetRandomPasswordCommand({ PasswordLength: 3 })),
      'InvalidParameterException',
      'Password length is too short based on the required types.',
    );
  });
});
