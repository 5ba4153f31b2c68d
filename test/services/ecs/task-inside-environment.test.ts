/** The variables a container is given to find its endpoints and teiki, case by case. */
import { describe, expect, it } from 'vitest';
import { insideEnvironment } from '../../../src/services/ecs/task-inside/environment.js';
import { statsDocument } from '../../../src/services/ecs/task-inside/metadata.js';
import { TaskSessions } from '../../../src/services/ecs/task-inside/sessions.js';

const BASE = 'http://127.0.0.1:4566';

function session(taskRoleArn?: string) {
  return new TaskSessions().open({
    scope: { accountId: '000000000000', region: 'us-east-1' },
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef',
    taskId: '0123456789abcdef0123456789abcdef',
    ...(taskRoleArn !== undefined ? { taskRoleArn } : {}),
    containerDefinitions: [{ name: 'app' }, { name: 'sidecar' }],
    stats: () => Promise.resolve(undefined),
    record: () => Promise.resolve(undefined),
    started: () => Promise.resolve(),
  });
}

interface EnvironmentCase {
  name: string;
  base: string | undefined;
  awsEndpoint: boolean;
  role?: string;
  own: Record<string, string>;
  present: string[];
}

describe('insideEnvironment', () => {
  it.each<EnvironmentCase>([
    {
      name: 'a task role: credentials variables, metadata and the endpoint',
      base: BASE,
      awsEndpoint: true,
      role: 'arn:aws:iam::000000000000:role/app',
      own: {},
      present: [
        'ECS_CONTAINER_METADATA_URI',
        'ECS_CONTAINER_METADATA_URI_V4',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_CONTAINER_AUTHORIZATION_TOKEN',
        'AWS_ENDPOINT_URL',
      ],
    },
    {
      name: 'no task role: no credentials variables, as on Fargate',
      base: BASE,
      awsEndpoint: true,
      own: {},
      present: ['ECS_CONTAINER_METADATA_URI', 'ECS_CONTAINER_METADATA_URI_V4', 'AWS_ENDPOINT_URL'],
    },
    {
      name: "the definition's own AWS_ENDPOINT_URL: none added",
      base: BASE,
      awsEndpoint: true,
      own: { AWS_ENDPOINT_URL: 'http://elsewhere:1' },
      present: ['ECS_CONTAINER_METADATA_URI', 'ECS_CONTAINER_METADATA_URI_V4'],
    },
    {
      name: '--task-aws-endpoint=false',
      base: BASE,
      awsEndpoint: false,
      own: {},
      present: ['ECS_CONTAINER_METADATA_URI', 'ECS_CONTAINER_METADATA_URI_V4'],
    },
    {
      name: 'no way back to teiki (--docker-network none): nothing',
      base: undefined,
      awsEndpoint: true,
      role: 'arn:aws:iam::000000000000:role/app',
      own: {},
      present: [],
    },
  ])('$name', ({ base, awsEndpoint, role, own, present }) => {
    const variables = insideEnvironment({ baseUrl: base, awsEndpoint }, session(role), 'app', own);
    expect(Object.keys(variables).sort()).toEqual([...present].sort());
    for (const value of Object.values(variables)) {
      if (value.startsWith('http')) expect(value.startsWith(BASE)).toBe(true);
    }
  });

  it('gives each container a metadata endpoint of its own', () => {
    const s = session();
    const settings = { baseUrl: BASE, awsEndpoint: true };
    const app = insideEnvironment(settings, s, 'app', {}).ECS_CONTAINER_METADATA_URI_V4;
    const sidecar = insideEnvironment(settings, s, 'sidecar', {}).ECS_CONTAINER_METADATA_URI_V4;
    expect(app).toMatch(/^http:\/\/127\.0\.0\.1:4566\/_teiki\/task-metadata\/v4\/[0-9a-f]{48}$/);
    expect(sidecar).not.toBe(app);
  });
});

describe('statsDocument', () => {
  it('keeps a sample, dating it when the runtime did not', () => {
    const sample = { cpu_stats: { cpu_usage: { total_usage: 5 } }, memory_stats: { usage: 7 } };
    expect(statsDocument(sample, '2026-01-01T00:00:00.000Z')).toEqual({
      ...sample,
      read: '2026-01-01T00:00:00.000Z',
    });
    expect(statsDocument({ ...sample, read: 'engine' }, 'clock').read).toBe('engine');
  });

  it('answers zeros, not a guess, where nothing was measured', () => {
    expect(statsDocument(undefined, 'now')).toEqual({
      read: 'now',
      cpu_stats: { cpu_usage: { total_usage: 0 } },
      memory_stats: { usage: 0 },
    });
  });
});
