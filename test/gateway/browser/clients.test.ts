/**
 * AWS clients are not browsers: they send no Origin, and the Host of the endpoint they
 * were given. Every Host a local setup uses reaches teiki; a name only `--allowed-hosts`
 * admits (a compose service, host.docker.internal) is refused with a message an SDK
 * user sees, and served once listed.
 */
import { execFile } from 'node:child_process';
import { Agent } from 'node:http';
import { promisify } from 'node:util';
import type { LookupFunction } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

let plain: TestTeiki;
let listing: TestTeiki;
beforeAll(async () => {
  plain = await startTestTeiki();
  listing = await startTestTeiki(['--in-memory', '--allowed-hosts', 'teiki,Host.Docker.Internal']);
});
afterAll(async () => {
  await plain.close();
  await listing.close();
});

/** Every name resolves to 127.0.0.1, as a compose network or /etc/hosts entry would. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** An SDK client for `http://NAME:PORT` of `server`. */
function clientFor<C>(make: new (config: object) => C, server: TestTeiki, name: string): C {
  return new make({
    ...server.clientConfig(),
    endpoint: `http://${name}:${new URL(server.url).port}`,
    requestHandler: { httpAgent: new Agent({ lookup: toLoopback }) },
  });
}

describe('the Host an endpoint gives', () => {
  it.each([['127.0.0.1'], ['localhost'], ['app.localhost']])(
    'serves the SDKs at http://%s:PORT',
    async (name) => {
      const out = await clientFor(STSClient, plain, name).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('000000000000');
    },
  );

  it('serves the AWS CLI at http://localhost:PORT', async () => {
    // Asynchronously: teiki answers from this very process.
    const { stdout } = await promisify(execFile)(
      'aws',
      ['--endpoint-url', `http://localhost:${new URL(plain.url).port}`, '--output', 'json'].concat([
        'sts',
        'get-caller-identity',
      ]),
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    expect((JSON.parse(stdout) as { Account: string }).Account).toBe('000000000000');
  });

  it('refuses another name with a message naming --allowed-hosts, in the protocol the SDK reads', async () => {
    const sts = clientFor(STSClient, plain, 'teiki');
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('--allowed-hosts teiki') as string,
      $metadata: { httpStatusCode: 403 },
    });
    const ecs = clientFor(ECSClient, plain, 'host.docker.internal');
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('--allowed-hosts host.docker.internal') as string,
    });
  });

  it.each([['teiki'], ['host.docker.internal'], ['HOST.DOCKER.INTERNAL']])(
    'serves %s once --allowed-hosts lists it',
    async (name) => {
      const out = await clientFor(ECSClient, listing, name).send(new ListClustersCommand({}));
      expect(out.clusterArns).toEqual([]);
    },
  );

  it('still refuses a name --allowed-hosts does not list', async () => {
    await expect(
      clientFor(ECSClient, listing, 'teiki.evil.example').send(new ListClustersCommand({})),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
