import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, signatureHex, signingKey } from '../../../src/gateway/auth/signing.js';

describe('signing key', () => {
  it("derives AWS's documented example key", () => {
    // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
    const key = signingKey(
      'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      '20120215',
      'us-east-1',
      'iam',
    );
    expect(key.key.toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  it('is derived again for another date, region, service or secret', () => {
    const base = signingKey('secret', '20261128', 'us-east-1', 'ecs');
    expect(signingKey('secret', '20261128', 'us-east-1', 'ecs')).toBe(base);
    for (const other of [
      signingKey('secret', '20261129', 'us-east-1', 'ecs'),
      signingKey('secret', '20261128', 'eu-west-1', 'ecs'),
      signingKey('secret', '20261128', 'us-east-1', 'logs'),
      signingKey('secret2', '20261128', 'us-east-1', 'ecs'),
    ]) {
      expect(other.key.equals(base.key)).toBe(false);
    }
  });
});

describe('signature of a string to sign', () => {
  const key = signingKey(
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '20261128',
    'us-east-1',
    'sts',
  );
  it.each([
    ['empty', ''],
    [
      'a string to sign',
      'AWS4-HMAC-SHA256\n20261128T022000Z\n20261128/us-east-1/sts/aws4_request\nabc',
    ],
    ['non-ASCII scope', 'AWS4-HMAC-SHA256\n20261128T022000Z\n20261128/ሴ/sts/aws4_request\nabc'],
    ['longer than a block', 'x'.repeat(1000)],
    ['exactly a block', 'y'.repeat(64)],
  ])('is HMAC-SHA256 of the key: %s', (_, text) => {
    expect(signatureHex(key, text)).toBe(createHmac('sha256', key.key).update(text).digest('hex'));
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('%j', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
    expect(sha256Hex(Buffer.from(text))).toBe(digest);
  });
});
