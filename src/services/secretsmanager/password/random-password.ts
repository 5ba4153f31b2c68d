/**
 * GetRandomPassword, drawn from the CSPRNG (crypto.randomInt). The characters are ASCII
 * letters, digits and punctuation (`!"#$%&'()*+,-./:;<=>?@[\]^_\`{|}~`), with a space when
 * IncludeSpace, less what is excluded; RequireEachIncludedType (the default) puts at least
 * one character of every type left into the password.
 */
import { randomInt } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { InvalidParameterException } from '../errors.js';
import type { GetRandomPasswordRequest, GetRandomPasswordResponse } from '../generated/types.js';

export const DEFAULT_LENGTH = 32;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

function pick(characters: string): string {
  return characters[randomInt(characters.length)] ?? '';
}

export function randomPassword(input: GetRandomPasswordRequest): string {
  const length = input.PasswordLength ?? DEFAULT_LENGTH;
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const keep = (set: string) => [...set].filter((c) => !excluded.has(c)).join('');
  const types = [
    input.ExcludeLowercase ? '' : keep(LOWER),
    input.ExcludeUppercase ? '' : keep(UPPER),
    input.ExcludeNumbers ? '' : keep(DIGITS),
    input.ExcludePunctuation ? '' : keep(PUNCTUATION),
    input.IncludeSpace ? keep(' ') : '',
  ].filter((set) => set !== '');
  if (types.length === 0) {
    // Wording not confirmed.
    throw new InvalidParameterException(
      'The password could not be generated because every character is excluded.',
    );
  }
  const required = input.RequireEachIncludedType === false ? [] : types;
  if (length < required.length) {
    // moto's record of AWS's wording.
    throw new InvalidParameterException(
      'Password length is too short based on the required types.',
    );
  }
  const all = types.join('');
  const chars = required.map(pick);
  while (chars.length < length) chars.push(pick(all));
  // Fisher–Yates, so the required characters sit anywhere.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

export function getRandomPassword(
  input: GetRandomPasswordRequest,
  _ctx: RequestContext,
): Promise<GetRandomPasswordResponse> {
  return Promise.resolve({ RandomPassword: randomPassword(input) });
}
