/**
 * The task's own endpoints (gateway/admin/task-endpoints.ts) as a caller without a running
 * task meets them: each refusal's status, code and message. What a running task reads there
 * is tested end to end (test/e2e/task-inside-*.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await raw(teiki.url, { method: 'GET', path, headers });
  return { status: res.status, body: JSON.parse(res.text) as unknown };
}

const NO_TASK = { code: 'NotFound', message: 'No running task has this metadata endpoint.' };

describe('the task metadata endpoint', () => {
  it.each([
    '/_teiki/task-metadata/v4/0123abcd',
    '/_teiki/task-metadata/v3/0123abcd/task',
    '/_teiki/task-metadata/v4/0123abcd/task/stats',
    '/_teiki/task-metadata/v4/0123abcd/stats/',
    // Not a metadata address at all: answered as a token nobody has.
    '/_teiki/task-metadata/v2/0123abcd',
    '/_teiki/task-metadata/v4/NOT-HEX',
    '/_teiki/task-metadata/v4/0123abcd/other',
  ])('answers 404 for %s when no task has the token', async (path) => {
    expect(await get(path)).toEqual({ status: 404, body: NO_TASK });
  });
});

describe('the task credentials endpoint', () => {
  it('wants the token in Authorization', async () => {
    expect(await get('/_teiki/task-credentials')).toEqual({
      status: 401,
      body: {
        code: 'AccessDenied',
        message:
          'The request needs the task credentials token (AWS_CONTAINER_AUTHORIZATION_TOKEN) in Authorization.',
      },
    });
  });

  it('refuses a token no running task has', async () => {
    expect(await get('/_teiki/task-credentials', { authorization: 'f'.repeat(48) })).toEqual({
      status: 403,
      body: { code: 'AccessDenied', message: 'The token names no running task.' },
    });
  });
});
